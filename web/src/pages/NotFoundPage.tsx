import Button from '@mui/material/Button';
import { EmptyState } from '../components/states';
import { PageHeader } from '../components/PageHeader';
import { useI18n } from '../i18n/I18nContext';
import { Link } from '../router/router';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title="404" />
      <EmptyState
        action={
          <Button component={Link} href="/" variant="outlined">
            {t('nav.home')}
          </Button>
        }
      >
        {t('error.notFound')}
      </EmptyState>
    </>
  );
}
