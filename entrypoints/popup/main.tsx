import { createRoot } from 'react-dom/client';

function Popup() {
  return <h1>TikTok deliverables</h1>;
}

createRoot(document.getElementById('root')!).render(<Popup />);
