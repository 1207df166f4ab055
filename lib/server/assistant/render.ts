// The assistant's sentences (catalog messages under "assistant") as text in one language: the
// rules' answer and the results the language model's functions give (model-tools.ts) read alike.
import { createTranslator } from "next-intl";
import de from "../../i18n/messages/de.json";
import en from "../../i18n/messages/en.json";
import type { Locale } from "../../i18n/config";
import type { AssistantLine } from "../../loyalty/assistant/reply";

const catalogs = { de, en } as const;

/** The answer's sentences in `locale`, one per line. */
export function renderLines(lines: readonly AssistantLine[], locale: Locale): string {
  const t = createTranslator({ locale, messages: catalogs[locale], namespace: "assistant" });
  return lines.map((line) => t(line.key as never, line.values as never)).join("\n");
}
