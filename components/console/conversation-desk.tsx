"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, inputClasses } from "@/components/ui/field";
import { numberFromText } from "@/lib/validations/form-input";
import {
  cannedAnswerDeleteSchema,
  cannedAnswerSchema,
  conversationAssignSchema,
  conversationIdSchema,
  conversationNoteSchema,
  conversationReplySchema,
  conversationResolveSchema,
} from "@/lib/validations/conversations";
import { TEXT } from "@/lib/validations/limits";
import { FormErrorSummary } from "./form-error-summary";
import { useConsoleAction } from "./use-console-action";

type Canned = { id: string; locale: string; title: string; body: string };

/** Reply (with a canned answer to start from) and an internal note, side by side with the thread. */
export function ConversationReply({ conversationId, canned }: { conversationId: string; canned: Canned[] }) {
  const t = useTranslations("console.conversations");
  const [body, setBody] = useState("");
  const [note, setNote] = useState("");
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  const reply = useConsoleAction("conversations.reply", { success: t("sent") });
  const saveNote = useConsoleAction("conversations.note", { success: t("noteSaved") });
  return (
    <div className="space-y-4">
      <form
        noValidate
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          reply.submit(conversationReplySchema, { conversationId, body, requestId }, {
            onSuccess: () => {
              setBody("");
              setRequestId(crypto.randomUUID());
            },
          });
        }}
      >
        {canned.length > 0 && (
          <Field id="canned" label={t("canned")}>
            <select id="canned" className={inputClasses} defaultValue="" onChange={(e) => setBody(canned.find((c) => c.id === e.target.value)?.body ?? body)}>
              <option value="">{t("cannedNone")}</option>
              {canned.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title} ({c.locale})
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field required id="reply-body" label={t("replyLabel")} error={reply.fieldErrors["/body"]}>
          <textarea {...describedBy("reply-body", { error: reply.fieldErrors["/body"] })} rows={4} maxLength={TEXT.conversationMessage.max} value={body} onChange={(e) => setBody(e.target.value)} className={`${inputClasses} py-2`} />
        </Field>
        <Button type="submit" disabled={reply.isPending}>
          {t("send")}
        </Button>
        <FormErrorSummary {...reply.summary} />
      </form>
      <form
        noValidate
        className="space-y-2 rounded-2xl bg-amber-50 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          saveNote.submit(conversationNoteSchema, { conversationId, body: note }, { onSuccess: () => setNote("") });
        }}
      >
        <Field id="note-body" label={t("note")} hint={t("noteHint")} error={saveNote.fieldErrors["/body"]}>
          <textarea {...describedBy("note-body", { hint: true, error: saveNote.fieldErrors["/body"] })} rows={2} maxLength={TEXT.cannedAnswer.max} value={note} onChange={(e) => setNote(e.target.value)} className={`${inputClasses} py-2`} />
        </Field>
        <Button type="submit" variant="secondary" disabled={saveNote.isPending}>
          {t("noteSave")}
        </Button>
      </form>
    </div>
  );
}

/** Assign, resolve with points, close or reopen. */
export function ConversationControls({ conversationId, closed, assigneeId, me, team }: { conversationId: string; closed: boolean; assigneeId: string | null; me: string; team: { id: string; name: string }[] }) {
  const t = useTranslations("console.conversations");
  const assign = useConsoleAction("conversations.assign", { success: t("assignSaved") });
  const close = useConsoleAction(closed ? "conversations.reopen" : "conversations.close", { success: closed ? t("reopened") : t("closed") });
  const resolve = useConsoleAction("conversations.resolve", { success: t("resolved") });
  const [points, setPoints] = useState("0");
  const [reason, setReason] = useState("");
  const [requestId, setRequestId] = useState(() => crypto.randomUUID());
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-2">
        <Field id="assignee" label={t("assign")}>
          <select
            id="assignee"
            className={inputClasses}
            value={assigneeId ?? ""}
            onChange={(e) => assign.submit(conversationAssignSchema, { conversationId, assigneeId: e.target.value || null })}
          >
            <option value="">{t("assignNobody")}</option>
            {team.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        {assigneeId !== me && (
          <Button variant="secondary" disabled={assign.isPending} onClick={() => assign.submit(conversationAssignSchema, { conversationId, assigneeId: me })}>
            {t("assignMe")}
          </Button>
        )}
        <Button variant="secondary" disabled={close.isPending} onClick={() => close.submit(conversationIdSchema, { conversationId })}>
          {closed ? t("reopen") : t("close")}
        </Button>
      </div>
      <form
        noValidate
        className="space-y-2 rounded-2xl bg-stone-50 p-3"
        onSubmit={(e) => {
          e.preventDefault();
          resolve.submit(conversationResolveSchema, { conversationId, points: numberFromText(points), reason, requestId }, { onSuccess: () => setRequestId(crypto.randomUUID()) });
        }}
      >
        <p className="font-semibold">{t("resolve")}</p>
        <div className="grid gap-2 sm:grid-cols-[8rem_minmax(0,1fr)]">
          <Field required id="resolve-points" label={t("points")} error={resolve.fieldErrors["/points"]}>
            <input {...describedBy("resolve-points", { error: resolve.fieldErrors["/points"] })} type="number" min={0} step={1} value={points} onChange={(e) => setPoints(e.target.value)} className={inputClasses} />
          </Field>
          <Field required id="resolve-reason" label={t("reason")} error={resolve.fieldErrors["/reason"]}>
            <input {...describedBy("resolve-reason", { error: resolve.fieldErrors["/reason"] })} value={reason} maxLength={TEXT.reason.max} onChange={(e) => setReason(e.target.value)} className={inputClasses} />
          </Field>
        </div>
        <Button type="submit" disabled={resolve.isPending}>
          {t("resolveSend")}
        </Button>
        <FormErrorSummary {...resolve.summary} />
      </form>
    </div>
  );
}

/** One canned answer's form (new when `answer` is absent), with delete for an existing one. */
export function CannedAnswerForm({ answer }: { answer?: Canned }) {
  const t = useTranslations("console.conversations.answers");
  const [locale, setLocale] = useState(answer?.locale ?? "de");
  const [title, setTitle] = useState(answer?.title ?? "");
  const [body, setBody] = useState(answer?.body ?? "");
  const save = useConsoleAction("canned.save", { success: t("saved") });
  const remove = useConsoleAction("canned.delete", { success: t("deleted") });
  const key = answer?.id.slice(0, 8) ?? "new";
  return (
    <form
      noValidate
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.submit(cannedAnswerSchema, { ...(answer ? { id: answer.id } : {}), locale, title, body }, {
          onSuccess: () => {
            if (!answer) {
              setTitle("");
              setBody("");
            }
          },
        });
      }}
    >
      <div className="grid gap-2 sm:grid-cols-[8rem_minmax(0,1fr)]">
        <Field id={`ca-l-${key}`} label={t("locale")}>
          <select id={`ca-l-${key}`} value={locale} onChange={(e) => setLocale(e.target.value)} className={inputClasses}>
            <option value="de">Deutsch</option>
            <option value="en">English</option>
          </select>
        </Field>
        <Field required id={`ca-t-${key}`} label={t("titleField")} error={save.fieldErrors["/title"]}>
          <input {...describedBy(`ca-t-${key}`, { error: save.fieldErrors["/title"] })} value={title} maxLength={TEXT.cannedAnswerTitle.max} onChange={(e) => setTitle(e.target.value)} className={inputClasses} />
        </Field>
      </div>
      <Field required id={`ca-b-${key}`} label={t("body")} error={save.fieldErrors["/body"]}>
        <textarea {...describedBy(`ca-b-${key}`, { error: save.fieldErrors["/body"] })} rows={3} value={body} maxLength={TEXT.cannedAnswer.max} onChange={(e) => setBody(e.target.value)} className={`${inputClasses} py-2`} />
      </Field>
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {t("save")}
        </Button>
        {answer && (
          <Button variant="danger" disabled={remove.isPending} onClick={() => remove.submit(cannedAnswerDeleteSchema, { id: answer.id })}>
            {t("delete")}
          </Button>
        )}
      </div>
      <FormErrorSummary {...save.summary} />
    </form>
  );
}
