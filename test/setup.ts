import { initializeLogger } from '@livekit/agents';

// LiveKit refuses to construct agents before its logger exists.
initializeLogger({ pretty: false, level: 'fatal' });
