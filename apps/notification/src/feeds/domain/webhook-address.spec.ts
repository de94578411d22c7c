import { isInternalAddress, resolvedAddressProblem, webhookUrlProblem } from './webhook-address';

const production = { production: true };
const development = { production: false };

describe('webhook URLs', () => {
  it.each([
    ['https://hooks.agency.example/homeward', undefined],
    ['http://hooks.agency.example/homeward', 'must use https'],
    ['http://127.0.0.1:8080/hooks', 'must use https'],
    ['https://127.0.0.1/hooks', 'loopback, private'],
    ['https://localhost/hooks', 'inside the deployment'],
    ['https://10.1.2.3/hooks', 'loopback, private'],
    ['https://172.20.0.1/hooks', 'loopback, private'],
    ['https://192.168.1.10/hooks', 'loopback, private'],
    ['https://169.254.169.254/latest/meta-data', 'loopback, private'],
    ['https://metadata.google.internal/computeMetadata/v1', 'inside the deployment'],
    ['https://[::1]/hooks', 'loopback, private'],
    ['https://[fd00:ec2::254]/hooks', 'loopback, private'],
    ['https://[fe80::1]/hooks', 'loopback, private'],
    ['https://[::ffff:10.0.0.1]/hooks', 'loopback, private'],
    ['https://100.64.0.1/hooks', 'loopback, private'],
    ['https://0.0.0.0/hooks', 'loopback, private'],
    ['https://user:pw@hooks.agency.example/', 'credentials'],
    ['ftp://hooks.agency.example/', 'must use https'],
    ['https://93.184.215.14/hooks', undefined],
  ])('in production, %s → %s', (url, problem) => {
    const found = webhookUrlProblem(url, production);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it.each([
    ['http://127.0.0.1:4000/hooks', undefined],
    ['http://localhost:4000/hooks', undefined],
    ['http://[::1]:4000/hooks', undefined],
    ['https://10.1.2.3/hooks', undefined],
    ['http://10.1.2.3/hooks', 'plain http only to a loopback address'],
    ['http://hooks.agency.example/', 'plain http only to a loopback address'],
  ])('in development, %s → %s', (url, problem) => {
    const found = webhookUrlProblem(url, development);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toContain(problem);
  });

  it('checks each resolved address at send time: a name that now resolves inside the deployment is refused', () => {
    const url = new URL('https://hooks.agency.example/homeward');
    expect(resolvedAddressProblem(url, '93.184.215.14', production)).toBeUndefined();
    expect(resolvedAddressProblem(url, '10.0.0.7', production)).toContain('resolves to 10.0.0.7');
    expect(resolvedAddressProblem(url, '::ffff:169.254.169.254', production)).toContain('link-local or metadata');
    expect(resolvedAddressProblem(new URL('http://localhost:4000/'), '127.0.0.1', development)).toBeUndefined();
    expect(resolvedAddressProblem(new URL('http://localhost:4000/'), '192.168.0.3', development)).toContain('only to a loopback address');
  });

  it('knows the internal ranges', () => {
    expect(['127.0.0.1', '10.0.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '::1', 'fc00::1', 'fe80::1', '224.0.0.1'].filter((a) => !isInternalAddress(a))).toEqual([]);
    expect(['8.8.8.8', '172.32.0.1', '2001:4860:4860::8888'].filter(isInternalAddress)).toEqual([]);
  });
});
