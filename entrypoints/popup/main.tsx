import { createRoot } from 'react-dom/client';
import { captureEarlyKeys } from '@/components/popup/early-keys';
import { PopupApp } from './App';
import '@/components/page.css';

// first statement after the imports: keys typed while React mounts go into the search box
const early = captureEarlyKeys(document);
createRoot(document.getElementById('root')!).render(<PopupApp takeEarlyInput={early.take} />);
