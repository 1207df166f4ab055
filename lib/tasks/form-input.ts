/** A task form's fields as the task's input: repeated fields (multiple choice, `name[]`) become arrays. */
export function formInput(formData: FormData): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$") || key === "clientId") continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) input[key.slice(0, -2)] = values;
    else input[key] = values[0];
  }
  return input;
}
