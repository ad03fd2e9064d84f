import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function ComingSoon() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 32 }}>
      <h1>테이블오더 매장 관리</h1>
      <p>이 화면은 준비 중입니다. (This app is not built yet.)</p>
    </main>
  );
}

const root = document.getElementById('root');
if (root)
  createRoot(root).render(
    <StrictMode>
      <ComingSoon />
    </StrictMode>,
  );
