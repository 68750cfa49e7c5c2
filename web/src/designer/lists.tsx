/** The forms and workflows lists (one lazy chunk with the designers' shared parts). */
import { useApi } from '../api/ApiContext';
import { useI18n } from '../i18n/I18nContext';
import { DefinitionList } from './DefinitionList';

export default function DefinitionLists({ kind }: { kind: 'forms' | 'workflows' }) {
  const api = useApi();
  const { t } = useI18n();
  return kind === 'forms' ? (
    <DefinitionList
      key="forms"
      title={t('designer.forms.title')}
      base="/admin/forms"
      load={() => api.forms.list()}
    />
  ) : (
    <DefinitionList
      key="workflows"
      title={t('designer.workflows.title')}
      base="/admin/workflows"
      load={() => api.workflows.list()}
    />
  );
}
