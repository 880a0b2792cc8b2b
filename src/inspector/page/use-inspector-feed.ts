import { useEffect, useReducer } from 'react';
import type { ServerMessage } from '../protocol.js';
import { type FeedState, feedReducer, initialFeed } from './feed-reducer.js';

/** The conversations the inspector's server pushes over its WebSocket, live. */
export function useInspectorFeed(url: string): FeedState {
  const [state, dispatch] = useReducer(feedReducer, initialFeed);
  useEffect(() => {
    const socket = new WebSocket(url);
    socket.onopen = () => dispatch({ type: 'connection', status: 'open' });
    socket.onclose = () => dispatch({ type: 'connection', status: 'closed' });
    socket.onmessage = (event: MessageEvent<string>) => dispatch({ type: 'messages', messages: JSON.parse(event.data) as ServerMessage[] });
    return () => socket.close();
  }, [url]);
  return state;
}
