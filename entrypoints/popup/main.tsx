// First: starts the first storage read before the rest of the bundle is evaluated.
import '@/utils/tracker/prefetch';
import { createRoot } from 'react-dom/client';
import '@/components/theme.css';
import './popup.css';
import { PopupApp } from './App';

createRoot(document.getElementById('root')!).render(<PopupApp />);
