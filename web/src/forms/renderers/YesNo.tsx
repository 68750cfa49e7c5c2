/**
 * A required yes/no question (a conflict-of-interest declaration, a veto item, a filing trigger) as two radio
 * buttons, 是 / 否, starting unanswered. A checkbox cannot say "not answered yet": left unticked it stores
 * nothing, so the server refused an honest "no" as missing. Ranked 6 (above the material checkbox) for a boolean
 * its parent requires, unless the schema pins it (`const: true` stays a checkbox to tick, such as a pledge);
 * `options.widget: "yes-no"` opts any boolean in (rank 10).
 */
import type { ControlProps, JsonSchema, RankedTester, UISchemaElement } from '@jsonforms/core';
import { and, isBooleanControl, optionIs, Resolve, rankWith } from '@jsonforms/core';
import { withJsonFormsControlProps } from '@jsonforms/react';
import Box from '@mui/material/Box';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import { useI18n } from '../../i18n/I18nContext';

/** Whether the control's property is in its parent object's `required` and not pinned by `const`. */
function requiredAnswer(uischema: UISchemaElement, schema: JsonSchema, rootSchema: JsonSchema): boolean {
  const scope = (uischema as { scope?: unknown }).scope;
  if (typeof scope !== 'string') return false;
  const m = /^(.*)\/properties\/([^/]+)$/.exec(scope);
  if (!m) return false;
  const own = Resolve.schema(schema, scope, rootSchema) as (JsonSchema & { const?: unknown }) | undefined;
  if (!own || own.const !== undefined) return false;
  const parent = Resolve.schema(schema, m[1] || '#', rootSchema) as JsonSchema | undefined;
  return !!parent?.required?.includes(decodeURIComponent(m[2]!));
}

export const yesNoTester: RankedTester = (uischema, schema, context) =>
  Math.max(
    rankWith(10, and(isBooleanControl, optionIs('widget', 'yes-no')))(uischema, schema, context),
    rankWith(6, and(isBooleanControl, (u, s, c) => requiredAnswer(u, s, c.rootSchema)))(uischema, schema, context),
  );

export function YesNoControl(props: ControlProps) {
  const { data, handleChange, path, enabled, visible, label, errors, required, description } = props;
  const { t } = useI18n();
  const id = useId();
  if (!visible) return null;
  const value = data === true ? 'yes' : data === false ? 'no' : '';
  return (
    <Box sx={{ my: 1 }} data-testid="yes-no" data-path={path}>
      <Typography id={`${id}-label`} variant="body2" color={errors ? 'error' : 'text.primary'}>
        {label}
        {required ? ' *' : ''}
      </Typography>
      <RadioGroup
        row
        aria-labelledby={`${id}-label`}
        value={value}
        onChange={(e) => handleChange(path, e.target.value === 'yes')}
      >
        <FormControlLabel value="yes" disabled={!enabled} control={<Radio size="small" />} label={t('common.yes')} />
        <FormControlLabel value="no" disabled={!enabled} control={<Radio size="small" />} label={t('common.no')} />
      </RadioGroup>
      {errors ? (
        <FormHelperText error>{errors}</FormHelperText>
      ) : description ? (
        <FormHelperText>{description}</FormHelperText>
      ) : null}
    </Box>
  );
}

export const YesNoRenderer = withJsonFormsControlProps(YesNoControl);
