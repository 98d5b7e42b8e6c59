import { createRoot } from 'react-dom/client';
import { OptionsApp } from './App';
import '@/components/page.css';

createRoot(document.getElementById('root')!).render(<OptionsApp />);
