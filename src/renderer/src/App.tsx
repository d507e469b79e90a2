/** Placeholder until the window issue: shows that the bridge is there. */
export function App() {
  const bridge = window.station;
  return (
    <main style={{ fontFamily: 'sans-serif', padding: 24 }}>
      <h1>收银台 · Cashier Station</h1>
      <p>{bridge ? `bridge v${bridge.version}` : 'no bridge'}</p>
    </main>
  );
}
