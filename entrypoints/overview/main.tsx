import { createRoot } from 'react-dom/client';

function Overview() {
  return <h1>TikTok deliverables overview</h1>;
}

createRoot(document.getElementById('root')!).render(<Overview />);
