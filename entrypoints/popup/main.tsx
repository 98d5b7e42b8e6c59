import { createRoot } from 'react-dom/client';
import { PopupApp } from './App';
import '@/components/page.css';

createRoot(document.getElementById('root')!).render(<PopupApp />);
