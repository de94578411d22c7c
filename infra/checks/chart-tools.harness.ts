import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const infraDir = join(__dirname, '..');
export const chartDir = join(infraDir, 'helm/homeward');
/** The Kubernetes version the chart is rendered and scored for (Chart.yaml: kubeVersion >=1.29). */
export const KUBE_VERSION = '1.31.0';

export interface ChartTools {
  readonly helm: string;
  readonly kubeScore: string;
}

/** Helm and kube-score as infra/scripts/chart-tools.sh provisions them (built from Go modules once, then cached). */
export function chartTools(): ChartTools {
  const out = execFileSync('bash', [join(infraDir, 'scripts/chart-tools.sh'), 'locate'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const value = (name: string) => {
    const line = out.split('\n').find((l) => l.startsWith(`${name}=`));
    if (!line) throw new Error(`chart-tools.sh locate printed no ${name}: ${out}`);
    return line.slice(name.length + 1).replace(/^'(.*)'$/, '$1');
  };
  return { helm: value('HELM'), kubeScore: value('KUBE_SCORE') };
}

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function run(command: string, args: readonly string[], input?: string): Run {
  const result = spawnSync(command, args, { encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
