/**
 * Form building blocks on NL Design System components. Every field has a label, its error
 * message is linked with aria-describedby, and a failed submit moves focus to the error
 * summary, whose links jump to the fields (WCAG 2.1: 1.3.1, 3.3.1, 3.3.3).
 */
import {
  Alert, Checkbox, Fieldset, FieldsetLegend, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel,
  Heading, RadioButton, Select, SelectOption, Textarea, Textbox, UnorderedList, UnorderedListItem,
} from '@utrecht/component-library-react';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, fieldErrors } from '../api.ts';
import { useProblemText, useT } from '../i18n.tsx';

export type FieldErrors = Record<string, string>;

type FieldBase = { id: string; label: ReactNode; error?: string; description?: ReactNode; required?: boolean };

function describedBy(id: string, error?: string, description?: ReactNode) {
  return [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

/**
 * Marks a required field visibly ("verplicht"), next to its label but outside it: the control's
 * `required` attribute already tells assistive technology, and the field's name stays its label.
 */
function RequiredMark({ required }: { required?: boolean }) {
  const t = useT();
  return required ? <span className="ww-required" aria-hidden="true"> ({t('common.form.required')})</span> : null;
}

function Parts({ id, error, description }: { id: string; error?: string; description?: ReactNode }) {
  return (
    <>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage>}
    </>
  );
}

export function TextField({ id, label, error, description, required, value, onChange, type = 'text', autoComplete, inputMode, maxLength, spellCheck }: FieldBase & {
  value: string; onChange: (v: string) => void; type?: string; autoComplete?: string;
  inputMode?: 'numeric' | 'text' | 'email'; maxLength?: number; spellCheck?: boolean;
}) {
  return (
    <FormField invalid={!!error} label={<><FormLabel htmlFor={id}>{label}</FormLabel><RequiredMark required={required} /></>}>
      <Parts id={id} error={error} description={description} />
      <div className="utrecht-form-field__input">
        <Textbox id={id} name={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} invalid={!!error}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, description)} required={required}
          autoComplete={autoComplete} inputMode={inputMode} maxLength={maxLength} spellCheck={spellCheck} />
      </div>
    </FormField>
  );
}

export function TextareaField({ id, label, error, description, required, value, onChange, rows = 4 }: FieldBase & {
  value: string; onChange: (v: string) => void; rows?: number;
}) {
  return (
    <FormField invalid={!!error} label={<><FormLabel htmlFor={id}>{label}</FormLabel><RequiredMark required={required} /></>}>
      <Parts id={id} error={error} description={description} />
      <div className="utrecht-form-field__input">
        <Textarea id={id} name={id} rows={rows} value={value} onChange={(e) => onChange(e.target.value)} invalid={!!error}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, description)} required={required} />
      </div>
    </FormField>
  );
}

export type Option = { value: string; label: string; disabled?: boolean };

export function SelectField({ id, label, error, description, required, value, onChange, options, emptyLabel }: FieldBase & {
  value: string; onChange: (v: string) => void; options: Option[]; emptyLabel?: string;
}) {
  return (
    <FormField invalid={!!error} label={<><FormLabel htmlFor={id}>{label}</FormLabel><RequiredMark required={required} /></>}>
      <Parts id={id} error={error} description={description} />
      <div className="utrecht-form-field__input">
        <Select id={id} name={id} value={value} onChange={(e) => onChange(e.target.value)} invalid={!!error}
          aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, error, description)} required={required}>
          {emptyLabel !== undefined && <SelectOption value="">{emptyLabel}</SelectOption>}
          {options.map((o) => <SelectOption key={o.value} value={o.value}>{o.label}</SelectOption>)}
        </Select>
      </div>
    </FormField>
  );
}

/** A group of checkboxes (several choices); the first box carries the group's id so the error summary can jump to it. */
export function CheckboxGroup({ id, label, error, description, value, onChange, options, columns }: FieldBase & {
  value: string[]; onChange: (v: string[]) => void; options: Option[]; columns?: boolean;
}) {
  const toggle = (v: string, on: boolean) => onChange(on ? [...value, v] : value.filter((x) => x !== v));
  return (
    <Fieldset invalid={!!error} aria-describedby={describedBy(id, error, description)} className="ww-fieldset">
      <FieldsetLegend>{label}</FieldsetLegend>
      <Parts id={id} error={error} description={description} />
      <div className={columns ? 'ww-checkbox-columns' : undefined}>
        {options.map((o, i) => {
          const boxId = i === 0 ? id : `${id}-${o.value}`;
          return (
            <FormField key={o.value} type="checkbox">
              <div className="ww-checkbox-row">
                <Checkbox id={boxId} name={id} value={o.value} checked={value.includes(o.value)} invalid={!!error} disabled={o.disabled}
                  onChange={(e) => toggle(o.value, e.target.checked)} />
                <FormLabel htmlFor={boxId} type="checkbox">{o.label}</FormLabel>
              </div>
            </FormField>
          );
        })}
      </div>
    </Fieldset>
  );
}

export function RadioGroup({ id, label, error, description, required, value, onChange, options }: FieldBase & {
  value: string; onChange: (v: string) => void; options: Option[];
}) {
  const t = useT();
  return (
    <Fieldset invalid={!!error} aria-describedby={describedBy(id, error, description)} role="radiogroup" className="ww-fieldset">
      <FieldsetLegend>{label}{required && <span className="ww-required" aria-hidden="true"> ({t('common.form.required')})</span>}</FieldsetLegend>
      <Parts id={id} error={error} description={description} />
      {options.map((o, i) => {
        const boxId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <FormField key={o.value} type="radio">
            <div className="ww-checkbox-row">
              <RadioButton id={boxId} name={id} value={o.value} checked={value === o.value} invalid={!!error} onChange={() => onChange(o.value)}
                disabled={o.disabled} required={required && i === 0} />
              <FormLabel htmlFor={boxId} type="radio">{o.label}</FormLabel>
            </div>
          </FormField>
        );
      })}
    </Fieldset>
  );
}

export function SingleCheckbox({ id, label, checked, onChange }: { id: string; label: ReactNode; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <FormField type="checkbox">
      <div className="ww-checkbox-row">
        <Checkbox id={id} name={id} checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <FormLabel htmlFor={id} type="checkbox">{label}</FormLabel>
      </div>
    </FormField>
  );
}

/**
 * Form state for errors: `fail` (client-side checks) and `handleError` (API problems) fill
 * the per-field messages and the summary and move focus to the summary. `run` wraps a
 * submit's request with the `busy` flag and `handleError`.
 */
export function useFormErrors(formId: string, labels: Record<string, string>) {
  const t = useT();
  const { localise, forError } = useProblemText();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (attempt > 0) summaryRef.current?.focus();
  }, [attempt]);

  const fail = useCallback((fieldErrs: FieldErrors, message: string | null = null) => {
    setErrors(fieldErrs);
    setGeneral(message);
    setAttempt((a) => a + 1);
  }, []);

  const handleError = useCallback((err: unknown) => {
    if (err instanceof ApiError) {
      const byField = fieldErrors(err, localise);
      const known = Object.fromEntries(Object.entries(byField).filter(([f]) => f in labels));
      fail(known, Object.keys(known).length ? null : forError(err));
    } else {
      fail({}, t('errors.unexpected'));
    }
  }, [fail, forError, localise, labels, t]);

  // Every submit handler needs the same busy flag and error handling around its request.
  const run = useCallback(async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      handleError(err);
    } finally {
      setBusy(false);
    }
  }, [handleError]);

  const reset = useCallback(() => {
    setErrors({});
    setGeneral(null);
  }, []);

  const field = useCallback((name: string) => ({ id: `${formId}-${name}`, error: errors[name], label: labels[name] ?? name }), [errors, formId, labels]);

  const summary = useMemo(() => (
    <ErrorSummary ref={summaryRef} formId={formId} errors={errors} general={general} labels={labels} />
  ), [errors, general, labels, formId]);

  return { errors, general, busy, fail, handleError, run, reset, field, summary, hasErrors: Object.keys(errors).length > 0 || !!general };
}

function ErrorSummary({ ref, formId, errors, general, labels }: {
  ref: React.Ref<HTMLDivElement>; formId: string; errors: FieldErrors; general: string | null; labels: Record<string, string>;
}) {
  const t = useT();
  const entries = Object.entries(errors);
  if (!entries.length && !general) return null;
  return (
    <div ref={ref} tabIndex={-1} className="ww-error-summary">
      <Alert type="error">
        <Heading level={2} id={`${formId}-summary-title`} appearance="utrecht-heading-4">
          {entries.length ? t('common.form.summaryTitle') : t('common.form.failedTitle')}
        </Heading>
        {general && <p className="utrecht-paragraph">{general}</p>}
        {entries.length > 0 && (
          <UnorderedList>
            {entries.map(([f, msg]) => (
              <UnorderedListItem key={f}>
                <a className="utrecht-link" href={`#${formId}-${f}`} onClick={(e) => {
                  e.preventDefault();
                  document.getElementById(`${formId}-${f}`)?.focus();
                }}>{labels[f] ?? f}: {msg}</a>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </Alert>
    </div>
  );
}
