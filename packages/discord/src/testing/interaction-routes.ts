import { createMessage, editMessage, isEmptyMessage, liveMessage } from './message-store.ts';
import type { RouteContext, RouteHandler, RouteResult } from './route-types.ts';
import { asObject, type DiscordError, discordError, errors, type JsonObject, userObject } from './shapes.ts';
import { toDiscordErrors } from './spec-validator.ts';
import type { CallbackRecord, FakeDiscordState, InteractionRecord, StoredMessage } from './state.ts';

/**
 * Interaction responses: the initial callback (`POST /interactions/{id}/{token}/callback`) and the
 * interaction webhook (`/webhooks/{application}/{token}[/messages/@original|{id}]`), with the
 * lifetimes Discord enforces: 3 s for the callback (10062 after), one callback per interaction
 * (40060), 15 min for the webhook token (401 50027 "Invalid Webhook Token" after).
 */

const LOADING = 1 << 7;
const EPHEMERAL = 1 << 6;

/** Callback types Discord accepts for each interaction type. */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  1: [1],
  2: [4, 5, 9, 12],
  3: [4, 5, 6, 7, 9, 12],
  4: [8],
  5: [4, 5, 6, 7],
};

function createInteractionResponse(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const rec = state.interactions.get(ctx.params.interaction_id ?? '');
  if (!rec || rec.token !== ctx.params.interaction_token) return errors.unknownInteraction();
  if (rec.expired || state.now() - rec.createdAt > state.tokenLifetimeMs) return errors.unknownInteraction();
  if (rec.callback) return errors.alreadyAcknowledged();
  if (state.now() - rec.createdAt > state.callbackDeadlineMs) return errors.unknownInteraction();

  const body = asObject(ctx.json);
  const type = body.type as number;
  const data = body.data && typeof body.data === 'object' ? (body.data as JsonObject) : undefined;
  const allowed = ALLOWED_CALLBACKS[rec.type] ?? [];
  if (!allowed.includes(type)) {
    return semanticViolation(state, ctx, 'type', 'BASE_TYPE_CHOICES', `Value must be one of {${allowed.join(', ')}}.`);
  }
  if (type === 4 && isEmptyMessage(data ?? {}, ctx.files)) return errors.cannotSendEmpty();

  const callback: CallbackRecord = {
    interactionId: rec.id,
    token: rec.token,
    type,
    data,
    body,
    files: ctx.files,
    withResponse: ctx.query.get('with_response') === 'true',
    at: state.now(),
  };
  rec.callback = callback;

  let message: StoredMessage | undefined;
  if (type === 4) {
    message = createMessage(state, {
      ...originalMessageBase(state, rec),
      body: data ?? {},
      files: ctx.files,
    });
    rec.originalMessageId = message.message.id as string;
  } else if (type === 5) {
    const flags = ((data?.flags as number | undefined) ?? 0) & EPHEMERAL;
    message = createMessage(state, {
      ...originalMessageBase(state, rec),
      body: { content: '', flags: flags | LOADING },
      files: [],
    });
    rec.originalMessageId = message.message.id as string;
    rec.loading = true;
  } else if (type === 6 || type === 7) {
    rec.originalMessageId = rec.sourceMessageId;
    message = liveMessage(state, rec.sourceMessageId);
    if (type === 7 && message) editMessage(state, message, data ?? {}, ctx.files);
  }
  state.callbacks.push(callback);
  state.events.emit('callback', callback);

  if (!callback.withResponse) return { status: 204 };
  const flags = (message?.message.flags as number | undefined) ?? 0;
  return {
    status: 200,
    body: {
      interaction: {
        id: rec.id,
        type: rec.type,
        ...(message
          ? {
              response_message_id: message.message.id,
              response_message_loading: (flags & LOADING) !== 0,
              response_message_ephemeral: (flags & EPHEMERAL) !== 0,
            }
          : {}),
      },
      ...(type === 6 ? {} : { resource: { type, ...(message ? { message: message.message } : {}) } }),
    },
  };
}

function originalMessageBase(state: FakeDiscordState, rec: InteractionRecord) {
  const data = rec.payload.data as JsonObject | undefined;
  const commandType = rec.type === 2 ? ((data?.type as number | undefined) ?? 1) : undefined;
  return {
    channelId: rec.channelId,
    guildId: rec.guildId,
    author: state.bot,
    type: commandType === undefined ? 0 : commandType === 1 ? 20 : 23,
    token: rec.token,
    webhookId: state.applicationId,
    applicationId: state.applicationId,
    interactionMetadata: {
      id: rec.id,
      type: rec.type,
      user: userObject(rec.user),
      authorizing_integration_owners: rec.payload.authorizing_integration_owners ?? {},
      ...(rec.type === 2 ? { name: data?.name ?? '', command_type: commandType ?? 1 } : {}),
    },
  };
}

/** Resolves the interaction behind an interaction-webhook path, or the error Discord gives. */
function webhookInteraction(state: FakeDiscordState, ctx: RouteContext): InteractionRecord | DiscordError {
  if (ctx.params.webhook_id !== state.applicationId) return errors.unknownWebhook();
  const rec = state.interactionsByToken.get(ctx.params.webhook_token ?? '');
  if (!rec || rec.expired || state.now() - rec.createdAt > state.tokenLifetimeMs) return errors.invalidWebhookToken();
  return rec;
}

function executeWebhook(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const rec = webhookInteraction(state, ctx);
  if ('status' in rec) return rec;
  if (!rec.callback) return errors.unknownWebhook();
  const body = asObject(ctx.json);
  if (isEmptyMessage(body, ctx.files)) return errors.cannotSendEmpty();
  const original = liveMessage(state, rec.originalMessageId);
  if (rec.loading && original) {
    // Discord fills the deferred "thinking…" message with the first follow-up.
    return { status: 200, body: finishLoading(state, rec, original, body, ctx).message };
  }
  const message = createMessage(state, {
    ...originalMessageBase(state, rec),
    type: 0,
    body,
    files: ctx.files,
  });
  rec.messageIds.push(message.message.id as string);
  return { status: 200, body: message.message };
}

function finishLoading(
  state: FakeDiscordState,
  rec: InteractionRecord,
  original: StoredMessage,
  body: JsonObject,
  ctx: RouteContext,
): StoredMessage {
  const keptFlags = ((original.message.flags as number) ?? 0) & EPHEMERAL;
  const edited = editMessage(
    state,
    original,
    { ...body, flags: ((body.flags as number | undefined) ?? 0) | keptFlags },
    ctx.files,
  );
  edited.message.flags = ((edited.message.flags as number) ?? 0) & ~LOADING;
  rec.loading = false;
  return edited;
}

function targetMessage(state: FakeDiscordState, rec: InteractionRecord, ctx: RouteContext): StoredMessage | undefined {
  const id = ctx.params.message_id;
  if (id === undefined || id === '@original') return liveMessage(state, rec.originalMessageId);
  if (!rec.messageIds.includes(id) && rec.originalMessageId !== id) return undefined;
  return liveMessage(state, id);
}

function getWebhookMessage(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const rec = webhookInteraction(state, ctx);
  if ('status' in rec) return rec;
  const stored = targetMessage(state, rec, ctx);
  return stored ? { status: 200, body: stored.message } : errors.unknownMessage();
}

function updateWebhookMessage(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const rec = webhookInteraction(state, ctx);
  if ('status' in rec) return rec;
  const stored = targetMessage(state, rec, ctx);
  if (!stored) return errors.unknownMessage();
  const body = asObject(ctx.json);
  if (rec.loading && stored.message.id === rec.originalMessageId) {
    return { status: 200, body: finishLoading(state, rec, stored, body, ctx).message };
  }
  return { status: 200, body: editMessage(state, stored, body, ctx.files).message };
}

function deleteWebhookMessage(state: FakeDiscordState, ctx: RouteContext): RouteResult | DiscordError {
  const rec = webhookInteraction(state, ctx);
  if ('status' in rec) return rec;
  const stored = targetMessage(state, rec, ctx);
  if (!stored) return errors.unknownMessage();
  stored.deleted = true;
  state.events.emit('message', stored);
  return { status: 204 };
}

/** A request the schema accepts but Discord still refuses: answered 50035 and recorded. */
function semanticViolation(
  state: FakeDiscordState,
  ctx: RouteContext,
  path: string,
  code: string,
  message: string,
): DiscordError {
  const issues = [{ path, code, message }];
  const formErrors = toDiscordErrors(issues);
  const violation = {
    method: ctx.method,
    path: ctx.path,
    route: '/interactions/{interaction_id}/{interaction_token}/callback',
    operationId: 'create_interaction_response',
    body: ctx.json,
    issues,
    errors: formErrors,
    at: state.now(),
  };
  state.violations.push(violation);
  state.events.emit('violation', violation);
  return discordError(400, 50035, 'Invalid Form Body', formErrors);
}

export const interactionRoutes: Record<string, RouteHandler> = {
  create_interaction_response: createInteractionResponse,
  execute_webhook: executeWebhook,
  get_original_webhook_message: getWebhookMessage,
  get_webhook_message: getWebhookMessage,
  update_original_webhook_message: updateWebhookMessage,
  update_webhook_message: updateWebhookMessage,
  delete_original_webhook_message: deleteWebhookMessage,
  delete_webhook_message: deleteWebhookMessage,
};
