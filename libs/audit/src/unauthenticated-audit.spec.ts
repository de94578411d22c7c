import { matchRoute } from './unauthenticated-audit.middleware';

const routes = [
  { method: 'get', path: '/cases', permission: 'case:read' },
  { method: 'get', path: '/cases/:caseId', permission: 'case:read' },
  { method: 'post', path: '/cases/:caseId/erasure/approval', permission: 'case:erase' },
  { method: 'get', path: '/movements/:movementId/manifest.csv', permission: 'manifest:read' },
];

describe('the route template of an unauthenticated request', () => {
  it('is the registered route of the same method whose segments match, parameters matching any one segment', () => {
    expect(matchRoute(routes, 'GET', '/cases/3f1c')?.path).toBe('/cases/:caseId');
    expect(matchRoute(routes, 'GET', '/cases')?.path).toBe('/cases');
    expect(matchRoute(routes, 'POST', '/cases/x/erasure/approval')?.permission).toBe('case:erase');
    expect(matchRoute(routes, 'GET', '/movements/m1/manifest.csv')?.path).toBe('/movements/:movementId/manifest.csv');
  });

  it('is none for another method, a longer or shorter path, or an empty parameter', () => {
    expect(matchRoute(routes, 'DELETE', '/cases/1')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/cases/1/2')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/cases//')).toBeUndefined();
    expect(matchRoute(routes, 'GET', '/movements/m1/manifest.pdf')).toBeUndefined();
  });
});
