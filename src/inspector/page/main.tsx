import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { STYLES } from './styles.js';

const style = document.createElement('style');
style.textContent = STYLES;
document.head.append(style);

// Same host, same token (in the query) as the page itself.
const feedUrl = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/live${location.search}`;
createRoot(document.getElementById('root')!).render(<App feedUrl={feedUrl} />);
