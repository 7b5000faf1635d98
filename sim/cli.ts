// `npm run sandbox -- --port N [--latency MS]`: the demo installation in the foreground.
// --latency adds a hosted shop's round trip to every request (sim/latency.ts).
// The first stdout line is one JSON object with url, token, login, password.
import { startSimulator } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

const port = Number(arg('port') ?? 0);
const scale = arg('scale'); // e.g. "100000x20000"
const m = scale ? /^(\d+)x(\d+)$/.exec(scale) : null;
const latency = Number(arg('latency') ?? 0);
if (!Number.isFinite(latency) || latency < 0) {
  process.stderr.write(`--latency wants milliseconds (a number ≥ 0), not "${arg('latency')}"\n`);
  process.exit(2);
}
const sim = await startSimulator({
  port: Number.isInteger(port) && port >= 0 ? port : 0,
  seed: m ? { orders: Number(m[1]), deals: Number(m[2]) } : 'demo',
  builtinIntegration: process.argv.includes('--builtin-integration'),
  uiVersion: arg('ui') === '1.3' ? '1.3' : '2.0',
  latency,
});
process.stdout.write(
  `${JSON.stringify({ url: sim.url, token: sim.token, login: sim.login, password: sim.password })}\n`,
);
process.stderr.write(
  `Simulated Webasyst at ${sim.url} (backend ${sim.url}webasyst/, API ${sim.url}api.php). Ctrl+C stops it.\n`,
);
if (latency > 0) {
  const h = sim.hosting.settings;
  process.stderr.write(
    `Hosted: ${h.latencyMs} ms round trip ±${Math.round(h.jitter * 100)} %, ${h.workers} PHP workers.\n`,
  );
}
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
