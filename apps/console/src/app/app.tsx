import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import type { ConsoleSession } from '../modules/auth/session.types';
import { SessionContext } from '../modules/auth/components/session-context';
import { SignedOutPage } from '../modules/auth/components/signed-out-page';
import { HomePage } from '../modules/auth/components/home-page';
import { LocaleProvider } from './locale-provider';
import { Shell } from './shell';

// Each person's screens are loaded when first opened: the first page carries only the shell.
const CaseListPage = lazy(() => import('../modules/cases/components/case-list-page'));
const RegisterCasePage = lazy(() => import('../modules/cases/components/register-case-page'));
const CasePage = lazy(() => import('../modules/cases/components/case-page'));
const LegalQueuePage = lazy(() => import('../modules/legal-files/components/legal-queue-page'));
const LegalFilePage = lazy(() => import('../modules/legal-files/components/legal-file-page'));
const ProgrammesPage = lazy(() => import('../modules/programmes/components/programmes-page'));
const MovementsPage = lazy(() => import('../modules/movements/components/movements-page'));
const MovementPage = lazy(() => import('../modules/movements/components/movement-page'));
const DuplicatesPage = lazy(() => import('../modules/cases/components/duplicates-page'));
const ImportPage = lazy(() => import('../modules/imports/components/import-page'));
const SubscriptionsPage = lazy(() => import('../modules/subscriptions/components/subscriptions-page'));
const AuditPage = lazy(() => import('../modules/audit/components/audit-page'));
const DashboardPage = lazy(() => import('../modules/dashboard/components/dashboard-page'));

export function App({ session }: { session?: ConsoleSession }) {
  return (
    <LocaleProvider>
      {session ? (
        <SessionContext.Provider value={session}>
          <Shell>
            <Suspense fallback={<p className="loading" aria-live="polite">…</p>}>
              <Switch>
                <Route path="/" component={HomePage} />
                <Route path="/cases" component={CaseListPage} />
                <Route path="/cases/new" component={RegisterCasePage} />
                <Route path="/cases/:caseId" component={CasePage} />
                <Route path="/imports" component={ImportPage} />
                <Route path="/duplicates" component={DuplicatesPage} />
                <Route path="/legal-files" component={LegalQueuePage} />
                <Route path="/legal-files/:caseId" component={LegalFilePage} />
                <Route path="/programmes" component={ProgrammesPage} />
                <Route path="/movements" component={MovementsPage} />
                <Route path="/movements/:movementId" component={MovementPage} />
                <Route path="/audit" component={AuditPage} />
                <Route path="/subscriptions" component={SubscriptionsPage} />
                <Route path="/dashboard" component={DashboardPage} />
                <Route path="/signed-out" component={SignedOutPage} />
                <Route component={HomePage} />
              </Switch>
            </Suspense>
          </Shell>
        </SessionContext.Provider>
      ) : (
        <SignedOutPage />
      )}
    </LocaleProvider>
  );
}
