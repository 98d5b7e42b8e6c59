import { createRoot } from 'react-dom/client';
import { SidePanelApp } from './App';
import '@/components/page.css';

createRoot(document.getElementById('root')!).render(<SidePanelApp />);
