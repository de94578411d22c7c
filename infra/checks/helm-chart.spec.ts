import { parseAllDocuments } from 'yaml';
import { SECRET_VARIABLES } from '@homeward/config';
import { chartDir, chartTools, KUBE_VERSION, run, type ChartTools } from './chart-tools.harness';

// The rendered manifests, as far as these checks read them.
interface Container {
  command: string[];
  env: { name: string; value?: string }[];
  volumeMounts: { name: string; mountPath: string }[];
  readinessProbe: { httpGet: object };
  livenessProbe: { httpGet: object };
  resources: { requests: object; limits: object };
  securityContext: object;
}
interface PodSpec {
  securityContext: object;
  automountServiceAccountToken: boolean;
  containers: Container[];
  volumes: { name: string; secret?: object }[];
}
interface Spec {
  template: { spec: PodSpec };
  replicas?: number;
  strategy: { rollingUpdate: object };
  ingress: { from: { podSelector?: { matchLabels?: Record<string, string> } }[] }[];
  egress: { ports: { port: number }[] }[];
  rules: { host: string }[];
  tls: { hosts: string[] }[];
}
type Manifest = { kind: string; metadata: { name: string; annotations?: Record<string, string> }; spec: Spec };

const APPS = ['console', 'dashboard', 'intake', 'legal', 'logistics', 'notification'];
const PROVISION_MS = 30 * 60_000;

/**
 * The Helm chart (infra/helm/homeward) as `npm test` checks it: helm lint
 * --strict, helm template, kube-score on what renders, and the list
 * read off the rendered manifests.
 */
describe('the Helm chart', () => {
  let tools: ChartTools;
  const render = (...set: string[]): Manifest[] => {
    const args = ['template', 'hw', chartDir, '--kube-version', KUBE_VERSION, ...set.flatMap((s) => ['--set', s])];
    const out = run(tools.helm, args);
    if (out.status !== 0) throw new Error(`helm template failed: ${out.stderr}`);
    return parseAllDocuments(out.stdout).map((d) => d.toJS() as Manifest).filter(Boolean);
  };
  const score = (manifests: string) => {
    const out = run(tools.kubeScore, ['score', '--kubernetes-version', `v${KUBE_VERSION.split('.').slice(0, 2).join('.')}`, '--output-format', 'ci', '--enable-optional-test', 'container-seccomp-profile', '-'], manifests);
    return { status: out.status, problems: out.stdout.split('\n').filter((l) => /^\[(WARNING|CRITICAL)\]/.test(l)) };
  };
  const of = (manifests: Manifest[], kind: string) => manifests.filter((m) => m.kind === kind);
  const container = (d: Manifest): Container => d.spec.template.spec.containers[0]!;

  beforeAll(() => {
    tools = chartTools();
  }, PROVISION_MS);

  it('passes helm lint --strict', () => {
    const out = run(tools.helm, ['lint', '--strict', '--kube-version', KUBE_VERSION, chartDir]);
    expect({ status: out.status, out: out.stdout + out.stderr }).toEqual({ status: 0, out: expect.stringContaining('0 chart(s) failed') });
  });

  it('renders a Deployment with probes, resources, a PDB, an HPA and a NetworkPolicy for every process', () => {
    const manifests = render();
    const deployments = of(manifests, 'Deployment');
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual(APPS.map((a) => `hw-homeward-${a}`));
    for (const d of deployments) {
      const c = container(d);
      expect(c.readinessProbe.httpGet).toEqual({ path: '/health/ready', port: 'http' });
      expect(c.livenessProbe.httpGet).toEqual({ path: '/health/live', port: 'http' });
      expect(Object.keys(c.resources.requests).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
      expect(Object.keys(c.resources.limits).sort()).toEqual(['cpu', 'ephemeral-storage', 'memory']);
      expect(d.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    }
    for (const kind of ['PodDisruptionBudget', 'HorizontalPodAutoscaler', 'Service']) {
      expect(of(manifests, kind).map((m) => m.metadata.name).sort()).toEqual(APPS.map((a) => `hw-homeward-${a}`));
    }
    expect(of(manifests, 'NetworkPolicy').map((m) => m.metadata.name).sort()).toEqual([...APPS, 'topics'].map((a) => `hw-homeward-${a}`));
    // With autoscaling off the Deployments carry their replicas themselves.
    const fixed = of(render('defaults.autoscaling.enabled=false'), 'Deployment');
    expect(fixed.map((d) => d.spec.replicas)).toEqual(APPS.map(() => 2));
    expect(of(render('defaults.autoscaling.enabled=false'), 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('runs every pod as non-root, read-only, without privilege escalation or capabilities', () => {
    const manifests = render();
    const pods = [...of(manifests, 'Deployment'), ...of(manifests, 'Job')].map((m) => m.spec.template.spec);
    expect(pods).toHaveLength(APPS.length + 1);
    for (const pod of pods) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.containers[0]!.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } });
    }
  });

  it('gives every secret as a file from a mounted Secret, never as a value', () => {
    for (const d of [...of(render(), 'Deployment'), ...of(render(), 'Job')]) {
      const c = container(d);
      const env = c.env;
      expect(env.filter((e) => (SECRET_VARIABLES as readonly string[]).includes(e.name))).toEqual([]);
      const mounts = c.volumeMounts;
      const secretVolumes = new Set(d.spec.template.spec.volumes.filter((v) => v.secret).map((v) => v.name));
      for (const e of env.filter((e) => e.name.endsWith('_FILE'))) {
        const mount = mounts.find((m) => e.value!.startsWith(`${m.mountPath}/`));
        expect({ variable: e.name, secretVolume: mount !== undefined && secretVolumes.has(mount.name) }).toEqual({ variable: e.name, secretVolume: true });
      }
    }
    const notification = container(of(render(), 'Deployment').find((d) => d.metadata.name === 'hw-homeward-notification')!);
    expect(notification.env.map((e) => e.name)).toEqual(
      expect.arrayContaining(['HOMEWARD_MASTER_KEY_FILE', 'KAFKA_SASL_PASSWORD_FILE', 'MONGO_PASSWORD_FILE', 'SMTP_PASSWORD_FILE', 'UNSUBSCRIBE_KEY_FILE']),
    );
  });

  it('serves the console and the dashboard through an Ingress with TLS', () => {
    const [ingress, ...more] = of(render(), 'Ingress');
    expect(more).toEqual([]);
    const hosts = ingress!.spec.rules.map((r) => r.host);
    expect(hosts).toEqual(expect.arrayContaining(['homeward.example.org', 'dashboard.homeward.example.org']));
    expect(ingress!.spec.tls.flatMap((t) => t.hosts).sort()).toEqual([...hosts].sort());
  });

  it('lets a process reach only what it needs: the console calls the services, no one calls the console', () => {
    const policies = of(render(), 'NetworkPolicy');
    const policy = (app: string) => policies.find((p) => p.metadata.name === `hw-homeward-${app}`)!;
    const fromApps = (app: string) => policy(app).spec.ingress.flatMap((r) => r.from.map((f) => f.podSelector?.matchLabels?.['app.kubernetes.io/name'])).filter(Boolean);
    expect(fromApps('intake')).toEqual(['console']);
    expect(fromApps('console')).toEqual([]);
    expect(policy('topics').spec.ingress).toEqual([]);
    // Only the notification service sends mail and webhooks.
    const egressPorts = (app: string) => policy(app).spec.egress.flatMap((r) => r.ports.map((p) => p.port));
    expect(egressPorts('notification')).toEqual(expect.arrayContaining([587, 443]));
    expect(egressPorts('legal')).not.toContain(587);
  });

  it('applies the topic catalogue in a Job before install and upgrade, with an override of the replication factor', () => {
    const [job] = of(render(), 'Job');
    expect(job!.metadata.annotations!['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(container(job!).command).toEqual(['node', 'dist/tools/topics.js', 'apply']);
    expect(container(of(render('topics.replicationFactor=1'), 'Job')[0]!).command).toEqual(['node', 'dist/tools/topics.js', 'apply', '--replication-factor', '1']);
  });

  it('refuses values its schema does not allow: a misspelt key, a plain-http issuer', () => {
    const template = (set: string) => run(tools.helm, ['template', 'hw', chartDir, '--kube-version', KUBE_VERSION, '--set', set]);
    expect(template('kafka.brokrs=kafka:9094')).toMatchObject({ status: 1, stderr: expect.stringContaining("additional properties 'brokrs' not allowed") });
    expect(template('oidc.issuer=http://id.example.org')).toMatchObject({ status: 1, stderr: expect.stringContaining("'/oidc/issuer'") });
  });

  it('scores clean with kube-score, which does find a weakened chart', () => {
    const manifests = (set: string[] = []) => run(tools.helm, ['template', 'hw', chartDir, '--kube-version', KUBE_VERSION, ...set.flatMap((s) => ['--set', s])]).stdout;
    expect(score(manifests())).toEqual({ status: 0, problems: [] });
    expect(score(manifests(['defaults.autoscaling.enabled=false'])).problems).toEqual([]);
    const weakened = score(manifests(['containerSecurityContext.readOnlyRootFilesystem=false', 'networkPolicy.enabled=false']));
    expect(weakened.status).not.toBe(0);
    expect(weakened.problems.join('\n')).toMatch(/writable root filesystem/);
    expect(weakened.problems.join('\n')).toMatch(/does not have a matching NetworkPolicy/);
  });
});
