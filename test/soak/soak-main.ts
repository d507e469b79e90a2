// `npm run soak -- --payments 10000 --phones 4 --fault-every 3`: see SOAK_USAGE.
import { formatReport } from './soak-check';
import { parseSoakArgs, SOAK_USAGE, SoakArgsError } from './soak-options';
import { runSoak } from './soak-run';

async function main(): Promise<void> {
  let options;
  try {
    options = parseSoakArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof SoakArgsError) {
      console.error(`soak: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  if (options === null) {
    console.log(SOAK_USAGE);
    return;
  }
  const started = Date.now();
  const report = await runSoak(options, (line) => console.log(line));
  console.log(formatReport(report));
  console.log(`soak: done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  process.exit(report.ok ? 0 : 1);
}

main().catch((err: unknown) => {
  console.error('soak: the harness failed:', err);
  process.exit(1);
});
