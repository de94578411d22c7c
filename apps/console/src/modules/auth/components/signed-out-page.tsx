import { useT } from '../../ui/hooks/use-t';
import { Page } from '../../ui/components/page';
import { signIn } from '../utils/sign-in';

/** After sign-out (at the console and the issuer), or a failed sign-in: a way back in. */
export function SignedOutPage() {
  const t = useT();
  const failed = new URLSearchParams(window.location.search).get('reason') === 'sign-in-failed';
  return (
    <main id="main">
      <Page title={t('signedOut.title')}>
        <p data-testid="signed-out">{failed ? t('signedOut.failed') : t('signedOut.body')}</p>
        <button type="button" onClick={() => signIn('/')}>
          {t('signedOut.signIn')}
        </button>
      </Page>
    </main>
  );
}
