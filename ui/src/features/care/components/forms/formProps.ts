/** What every kind's form gets from the drawer. */
import type { FieldErrorItemProps } from "../../../../shared/useFieldErrors";

export interface KindFormProps {
  /** Props for the Form.Item of `field`: its name, and Rust's message while one is shown. */
  item: (field: string) => FieldErrorItemProps & { name: string };
  /** Rust's message for `field` only (for an item holding several inputs). */
  errorOf: (field: string) => FieldErrorItemProps;
}
