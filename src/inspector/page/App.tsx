import { InspectorPage } from './InspectorPage.js';
import { useInspectorFeed } from './use-inspector-feed.js';

/** The live page: the server's feed at `feedUrl`. */
export function App({ feedUrl }: { feedUrl: string }) {
  return <InspectorPage feed={useInspectorFeed(feedUrl)} />;
}
