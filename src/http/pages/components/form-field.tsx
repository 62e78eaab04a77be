/** @jsxImportSource hono/jsx */
// Form controls that show their validation message right beside them (errors keyed by field name / path).
import type { Child } from "hono/jsx";

export type FieldErrors = Record<string, string>;

interface BaseProps {
  name: string;
  label: string;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  /** The control's id when two forms on one page share a field name (default f-<name>). */
  id?: string;
}

function fieldId(name: string): string {
  return `f-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}

function FieldShell(props: BaseProps & { children: Child; labelFor?: boolean }) {
  const error = props.errors?.[props.name];
  const id = props.id ?? fieldId(props.name);
  return (
    <div class={error ? "field field-invalid" : "field"} id={`${id}-field`}>
      <label for={id}>
        {props.label}
        {props.required ? <span aria-hidden="true"> *</span> : null}
        {props.hint ? (
          <span class="hint" id={`${id}-hint`}>
            {props.hint}
          </span>
        ) : null}
      </label>
      {props.children}
      {error ? (
        <span class="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

function describedBy(props: BaseProps): string | undefined {
  const id = props.id ?? fieldId(props.name);
  const ids = [props.hint ? `${id}-hint` : "", props.errors?.[props.name] ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** What every control carries: its id and name, required, and the hint and error it is described by. */
function controlAttrs(props: BaseProps) {
  return {
    id: props.id ?? fieldId(props.name),
    name: props.name,
    required: props.required,
    "aria-invalid": props.errors?.[props.name] ? ("true" as const) : undefined,
    "aria-describedby": describedBy(props),
  };
}

export interface TextFieldProps extends BaseProps {
  value?: string | number | null;
  type?: "text" | "password" | "email" | "date" | "number" | "datetime-local";
  autocomplete?: string;
  placeholder?: string;
  inputmode?: "numeric" | "text" | "email";
}

export function TextField(props: TextFieldProps) {
  return (
    <FieldShell {...props}>
      <input
        {...controlAttrs(props)}
        type={props.type ?? "text"}
        value={props.value === null || props.value === undefined ? "" : String(props.value)}
        autocomplete={props.autocomplete}
        placeholder={props.placeholder}
        inputmode={props.inputmode}
      />
    </FieldShell>
  );
}

export interface TextAreaProps extends BaseProps {
  value?: string | null;
  rows?: number;
  placeholder?: string;
}

export function TextArea(props: TextAreaProps) {
  return (
    <FieldShell {...props}>
      <textarea {...controlAttrs(props)} rows={props.rows ?? 4} placeholder={props.placeholder}>
        {props.value ?? ""}
      </textarea>
    </FieldShell>
  );
}

export interface FileFieldProps extends BaseProps {
  /** The file types the picker offers, e.g. ".pdf,.png". */
  accept?: string;
}

export function FileField(props: FileFieldProps) {
  return (
    <FieldShell {...props}>
      <input {...controlAttrs(props)} type="file" accept={props.accept} />
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export interface SelectFieldProps extends BaseProps {
  value?: string | null;
  options: SelectOption[];
  /** A first, empty option ("— pilih —"). */
  placeholder?: string;
}

export function SelectField(props: SelectFieldProps) {
  return (
    <FieldShell {...props}>
      <select {...controlAttrs(props)}>
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export interface CheckboxGroupProps {
  /** Key of the message in errors (the group's path). */
  errorKey: string;
  legend: string;
  hint?: string;
  errors?: FieldErrors;
  /** Each box has its own name (several booleans) or they share one (a multi-select list). */
  boxes: { name: string; value: string; label: string; checked: boolean }[];
  type?: "checkbox" | "radio";
}

export function CheckboxGroup(props: CheckboxGroupProps) {
  const error = props.errors?.[props.errorKey];
  const id = fieldId(props.errorKey);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset's legend and borders break the .field layout; role=group names it the same way
    <div
      class={error ? "field field-invalid" : "field"}
      id={`${id}-field`}
      role="group"
      aria-labelledby={`${id}-legend`}
    >
      <span class="label" id={`${id}-legend`}>
        {props.legend}
        {props.hint ? <span class="hint">{props.hint}</span> : null}
      </span>
      <div class="checks">
        {props.boxes.map((b) => (
          <label>
            <input type={props.type ?? "checkbox"} name={b.name} value={b.value} checked={b.checked} />
            <span>{b.label}</span>
          </label>
        ))}
      </div>
      {error ? (
        <span class="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}

/** The list of every problem at the top of a form, each linking to its field. */
export function ErrorSummary(props: {
  errors?: FieldErrors;
  labels?: Record<string, string>;
  /** Where a field's link jumps when its control has its own id (default #f-<name>-field). */
  anchors?: Record<string, string>;
}) {
  const entries = Object.entries(props.errors ?? {});
  if (!entries.length) return null;
  return (
    <div class="flash flash-error" role="alert" id="ringkasan-kesalahan">
      <strong>Periksa kembali {entries.length} isian berikut:</strong>
      <ul>
        {entries.map(([name, message]) => (
          <li>
            <a href={props.anchors?.[name] ?? `#${fieldId(name)}-field`}>{props.labels?.[name] ?? name}</a>: {message}
          </li>
        ))}
      </ul>
    </div>
  );
}
