// `npm run bench [name…]`: runs every benchmark, or the named ones, one after another in this
// process. Each prints its own figures and ratios; none of them asserts timings.
const benches: Record<string, () => Promise<{ run: () => Promise<void> }>> = {
  codec: () => import('./codec.bench'),
  devices: () => import('./devices.bench'),
  api: () => import('./api.bench'),
  engine: () => import('./engine.bench'),
  station: () => import('./station.bench'),
  ui: () => import('./ui.bench'),
  log: () => import('./log.bench'),
  care: () => import('./care.bench'),
  fleet: () => import('./fleet.bench'),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !(w in benches));
  if (unknown.length > 0) {
    console.error(`unknown bench: ${unknown.join(', ')}; known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  for (const name of wanted.length > 0 ? wanted : Object.keys(benches)) {
    const mod = await benches[name]();
    await mod.run();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
