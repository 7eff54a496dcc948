// GENERATED from the API's OpenAPI document by tools/scripts/generate-api-client.mjs
// (openapi-typescript). Do not edit: run `npm run api-client:generate` after changing the API.

export interface paths {
  '/api/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Log in; repeated failures for a login or an address must wait longer each time */
    post: operations['Auth_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** End the session of this refresh token */
    post: operations['Auth_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Exchange a refresh token for a new pair; the old refresh token stops working */
    post: operations['Auth_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/auth/register': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Create an account (and, with companyName, a company it owns) and log in */
    post: operations['Auth_register'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's companies with the caller's role in each */
    get: operations['Companies_list'];
    put?: never;
    /** Create a company; the caller becomes its owner */
    post: operations['Companies_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A company the caller belongs to */
    get: operations['Companies_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /** Rename the company or change its base currency or time zone (owner/admin) */
    patch: operations['Companies_update'];
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/by-status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sales and their converted amounts per status (pending, paid, cancelled, refunded) */
    get: operations['Analytics_byStatus'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/clients/{clientId}/outlook': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A client’s probability of being active, expected purchases and value over 90 days (BG/NBD + Gamma-Gamma), segment and recommended products */
    get: operations['CustomerOutlook_outlook'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/forecast': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Revenue forecast per month or week with 80%/95% intervals; the model is chosen by a rolling-origin back-test on the complete periods before asOf */
    get: operations['Analytics_forecast'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/funnel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Funnel of the deals that entered a pipeline in the period: per stage entered, reached, conversion and median days; win rate, average won deal, median cycle */
    get: operations['DealsAnalytics_funnel'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/owners': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The funnel cohort and the open pipeline by deal owner */
    get: operations['DealsAnalytics_owners'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/pipeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Value and weighted value of the open deals of a pipeline by stage and by expected close month */
    get: operations['DealsAnalytics_pipeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/products': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Revenue by product from the items of the counted sales, descending */
    get: operations['Analytics_products'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/segments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** RFM segments (quintile scores, R × F grid) of the clients with purchases up to asOf, with their revenue */
    get: operations['CustomerOutlook_segments'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/stuck': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Open deals in their stage longer than the stage’s median stay, the most overdue first */
    get: operations['DealsAnalytics_stuck'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Revenue, sales, buyers (new and returning), AOV and repeat-purchase rate of a period, against the previous period */
    get: operations['Analytics_summary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/timeseries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Revenue and sales per day, week (from Monday) or month; every period present, zeros included */
    get: operations['Analytics_timeseries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/analytics/top-clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Clients by revenue in the period, descending */
    get: operations['Analytics_topClients'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The company's API keys, without secrets */
    get: operations['ApiKeys_list'];
    put?: never;
    /** Create a key; the full key is in this answer (and can be revealed later by owners and admins) */
    post: operations['ApiKeys_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a key; it stops working at once */
    delete: operations['ApiKeys_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/api-keys/{id}/reveal': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The full secret of an active key (owner/admin) */
    get: operations['ApiKeys_reveal'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/api-keys/{id}/rotate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Replace a key by a new one with the same name; the old key stops working at once */
    post: operations['ApiKeys_rotate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/assistant/actions/{actionId}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Drop a write the assistant proposed */
    post: operations['Assistant_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/assistant/actions/{actionId}/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Carry out a write the assistant proposed (a note, an interaction, a report or a task), as the caller */
    post: operations['Assistant_confirm'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/assistant/chat': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask a question; the whole answer with its tool calls, cited records, charts and proposed actions */
    post: operations['Assistant_chat'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/assistant/chat/stream': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Ask a question and receive the answer as Server-Sent Events: start, tool, tool_result, text, chart, action, done (the chat response), error. Closing the connection stops the run. */
    post: operations['Assistant_stream'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/assistant/conversations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller's conversations in this company, most recent first */
    get: operations['Assistant_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/assistant/conversations/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A conversation with its messages, tool calls, records, charts and actions */
    get: operations['Assistant_get'];
    put?: never;
    post?: never;
    /** Delete a conversation with its messages and pending proposals */
    delete: operations['Assistant_remove'];
    options?: never;
    head?: never;
    /** Rename a conversation */
    patch: operations['Assistant_rename'];
    trace?: never;
  };
  '/api/companies/{companyId}/assistant/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The assistant's top three recommendations for today from the customer models: a valuable client at risk to win back, a regular client due for a repeat purchase, a product to offer; each with its client, reason and numbers */
    get: operations['Assistant_recommendations'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/assistant/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Which engine answers (`offline` or the model name) and suggested questions */
    get: operations['Assistant_status'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Clients of the company: paging, sort, search over name/email/phone/externalId, filters */
    get: operations['Clients_list'];
    put?: never;
    /** Create a client (409 when the externalId is taken) */
    post: operations['Clients_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/clients/{clientId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A client */
    get: operations['Clients_get'];
    put?: never;
    post?: never;
    /** Delete a client with its interactions and notes; a client with sales only with ?confirm=true (then its sales go too) */
    delete: operations['Clients_remove'];
    options?: never;
    head?: never;
    /** Change a client: omitted fields keep their value, null clears */
    patch: operations['Clients_update'];
    trace?: never;
  };
  '/api/companies/{companyId}/clients/{clientId}/deals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Deals of a client, recently changed first unless sorted otherwise */
    get: operations['ClientDeals_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/clients/{clientId}/interactions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Interactions with a client, newest first */
    get: operations['ClientActivity_listInteractions'];
    put?: never;
    /** Record an interaction; the client’s lastInteractionAt moves forward to it */
    post: operations['ClientActivity_createInteraction'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/clients/{clientId}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Notes on a client, newest first */
    get: operations['ClientActivity_listNotes'];
    put?: never;
    /** Write a note on a client; the author is the current user */
    post: operations['ClientActivity_createNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/clients/{clientId}/recommendations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** What to do with this client and why: from the outlook (segment, probability of being active, expected value), co-purchase rules and history; each item with its reason and numbers */
    get: operations['ClientRecommendations_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/clients/{clientId}/sales': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sales of a client (purchase history), newest first unless sorted otherwise */
    get: operations['ClientSales_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/deals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Deals of the company: paging, sort, filters (pipeline, stage, owner, client, status, amount, close date) */
    get: operations['Deals_list'];
    put?: never;
    /** Open a deal (owner: the caller unless given; stage: the pipeline’s first) */
    post: operations['Deals_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/deals/{dealId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A deal */
    get: operations['Deals_get'];
    put?: never;
    post?: never;
    /** Delete a deal with its history and tasks (a sale it became stays) */
    delete: operations['Deals_remove'];
    options?: never;
    head?: never;
    /** Change a deal: omitted fields keep their value; the stage changes by `move` */
    patch: operations['Deals_update'];
    trace?: never;
  };
  '/api/companies/{companyId}/deals/{dealId}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The deal’s stage changes, oldest first (the first is its creation) */
    get: operations['Deals_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/deals/{dealId}/interactions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Interactions on a deal, most recent first */
    get: operations['DealActivity_listInteractions'];
    put?: never;
    /** Record an interaction on a deal: it is the deal client’s interaction too, and moves the client’s lastInteractionAt forward to it */
    post: operations['DealActivity_createInteraction'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/deals/{dealId}/move': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move a deal to another stage of its pipeline: a lost stage needs `lostReason`; a won stage with `createSale` creates the linked sale */
    post: operations['Deals_move'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/deals/{dealId}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Notes on a deal, newest first */
    get: operations['DealActivity_listNotes'];
    put?: never;
    /** Write a note on a deal (shown on its client’s notes too); the author is the current user */
    post: operations['DealActivity_createNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/exchange-rates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Exchange rates to the company’s base currency, by currency and validFrom */
    get: operations['ExchangeRates_get'];
    /** Add or replace rates by (currency, validFrom); rates not named are kept (owner/admin) */
    put: operations['ExchangeRates_put'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/exports/clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The clients list (same q, filters and sort as GET /clients, every page) as CSV or XLSX */
    get: operations['Exports_clients'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/exports/sales': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The sales list (same q, filters and sort as GET /sales, every page) as CSV or XLSX */
    get: operations['Exports_sales'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/imports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The company’s imports, newest first */
    get: operations['Imports_list'];
    put?: never;
    /** Upload a CSV of clients or sales: stored, encoding, separator and columns detected, mapping suggested */
    post: operations['Imports_upload'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/imports/{importId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** An import with its progress (poll it while `status` is `running`) */
    get: operations['Imports_get'];
    put?: never;
    post?: never;
    /** Delete an import with its stored upload and report (not while it runs) */
    delete: operations['Imports_remove'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/imports/{importId}/cancel': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Stop a running import after its current batch */
    post: operations['Imports_cancel'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/imports/{importId}/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** The first rows as records with a mapping, each validated; nothing is written */
    post: operations['Imports_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/imports/{importId}/rejected': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The rejected rows as CSV: the rows as uploaded plus `import line` and `import errors` columns
     * @description With `lang=ru` the two added columns are named in Russian.
     */
    get: operations['Imports_rejected'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/imports/{importId}/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Import every row with a mapping, in the background, through the same upserts as /api/v1 (idempotent) */
    post: operations['Imports_run'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Pending invitations of the company, newest first (owner/admin) */
    get: operations['CompanyInvitations_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/invitations/{invitationId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Withdraw an invitation (owner/admin; an owner invitation only by an owner) */
    delete: operations['CompanyInvitations_revoke'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/members': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Members of the company with their roles */
    get: operations['Members_list'];
    put?: never;
    /**
     * Invite a login with a role (owner/admin)
     * @description Creates (or renews) an invitation; the user with that login becomes a member only by accepting it (`POST /api/me/invitations/{invitationId}/accept`). The answer is the same whether or not the login is registered. 409 only when the login is already a member.
     */
    post: operations['Members_add'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/members/{userId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a member (owner/admin; the last owner stays) */
    delete: operations['Members_remove'];
    options?: never;
    head?: never;
    /** Change a member's role (owner/admin; only owners touch owners) */
    patch: operations['Members_changeRole'];
    trace?: never;
  };
  '/api/companies/{companyId}/pipelines': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The company’s pipelines in order, each with its stages and the deals in each stage */
    get: operations['Pipelines_list'];
    put?: never;
    /** Create a pipeline (owners and admins) with the given or the default stages */
    post: operations['Pipelines_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/pipelines/{pipelineId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A pipeline with its stages and the deals in each stage */
    get: operations['Pipelines_get'];
    put?: never;
    post?: never;
    /** Delete a pipeline without deals (owners and admins); 409 while it has deals */
    delete: operations['Pipelines_remove'];
    options?: never;
    head?: never;
    /** Rename or reorder a pipeline (owners and admins); deals and history stay */
    patch: operations['Pipelines_update'];
    trace?: never;
  };
  '/api/companies/{companyId}/pipelines/{pipelineId}/stages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Add a stage (owners and admins); answers the pipeline */
    post: operations['Pipelines_addStage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/pipelines/{pipelineId}/stages/{stageId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Delete a stage (owners and admins); a stage with deals needs `?moveTo=stageId` (409 without) */
    delete: operations['Pipelines_removeStage'];
    options?: never;
    head?: never;
    /** Rename, re-weigh or move a stage (owners and admins); answers the pipeline */
    patch: operations['Pipelines_updateStage'];
    trace?: never;
  };
  '/api/companies/{companyId}/reports': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The reports the caller may see: own, shared with them or with the company (owners and admins: all); search by title, filter by type */
    get: operations['Reports_list'];
    put?: never;
    /** Creates a report and starts generating it in the background (status `running`, then `ready` or `failed`) */
    post: operations['Reports_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/reports/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A report with its latest snapshot (or `?snapshot=` a scheduled run): status, progress, result (summary, tables, charts, insights) */
    get: operations['Reports_get'];
    put?: never;
    post?: never;
    /** Deletes the report with its snapshots, shares and schedule; author, owner or admin */
    delete: operations['Reports_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/reports/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The report as a file: PDF (charts, tables, conclusions), XLSX (a sheet per table) or CSV (UTF-8 with BOM; a zip of CSV files when the report has several tables); 409 while it is not ready */
    get: operations['Reports_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/reports/{id}/regenerate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** «Обновить»: a new snapshot of the same parameters with fresh data (a preset period is resolved again) */
    post: operations['Reports_regenerate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/reports/{id}/runs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The snapshots made by the schedule, newest first, with what was delivered */
    get: operations['Reports_runs'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/reports/{id}/schedule': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    /** Rebuilds the report weekly or monthly at a time in the company time zone (a preset period as of the run day, otherwise the same length ending the day before); recipients get the PDF by mail when mail is set up */
    put: operations['Reports_putSchedule'];
    post?: never;
    /** Stops the schedule (its runs are kept); author, owner or admin */
    delete: operations['Reports_deleteSchedule'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/reports/{id}/share': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Shares the report with members (`userIds` replaces the list) and/or the whole company; author, owner or admin */
    post: operations['Reports_share'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/sales': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sales of the company with their buyers: paging, sort, filters (client, status, currency, dates, amounts) */
    get: operations['Sales_list'];
    put?: never;
    /** Record a sale (status `paid` unless given); 409 when the externalId is taken */
    post: operations['Sales_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/sales/{saleId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A sale with its items and buyer */
    get: operations['Sales_get'];
    put?: never;
    post?: never;
    /** Delete a sale */
    delete: operations['Sales_remove'];
    options?: never;
    head?: never;
    /** Change a sale: omitted fields (status too) keep their value; `items` replaces all items */
    patch: operations['Sales_update'];
    trace?: never;
  };
  '/api/companies/{companyId}/tasks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Tasks: undone overdue ones first, then by due time; filters by assignee, due, done, deal, client */
    get: operations['Tasks_list'];
    put?: never;
    /** Create a task on a deal, a client or standalone (assignee: the caller unless given) */
    post: operations['Tasks_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/companies/{companyId}/tasks/{taskId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A task */
    get: operations['Tasks_get'];
    put?: never;
    post?: never;
    /** Delete a task */
    delete: operations['Tasks_remove'];
    options?: never;
    head?: never;
    /** Change a task, or mark it done or undone */
    patch: operations['Tasks_update'];
    trace?: never;
  };
  '/api/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness and database reachability */
    get: operations['Health_check'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness: the process answers (no database round trip) */
    get: operations['Health_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Readiness: the database answers and the process is not shutting down */
    get: operations['Health_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The caller and the companies it belongs to */
    get: operations['Me_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/invitations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Invitations to the caller's login that wait for an answer */
    get: operations['MyInvitations_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/invitations/{invitationId}/accept': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Accept: the caller becomes a member with the invited role */
    post: operations['MyInvitations_accept'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/me/invitations/{invitationId}/decline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Decline: the invitation is dropped */
    post: operations['MyInvitations_decline'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/clients': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Clients in the order they were last written; follow nextCursor until it is null */
    get: operations['ClientsIntegration_feed'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/clients/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Upsert up to 5,000 clients by externalId; invalid items are reported in `failed`, valid ones stored */
    post: operations['ClientsIntegration_upsert'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/company': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The company the API key belongs to (a quick way to test a key) */
    get: operations['CompanyIntegration_company'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/deals': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Deals in the order they were last written, with clientExternalId and pipelineName; follow nextCursor until null */
    get: operations['DealsIntegration_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/deals/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Upsert up to 5,000 deals by externalId; invalid items (an unknown clientExternalId, pipeline or stage too) are reported in `failed`, valid ones stored */
    post: operations['DealsIntegration_upsert'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sales': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Sales in the order they were last written, with clientExternalId; follow nextCursor until null */
    get: operations['SalesIntegration_feed'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/sales/batch': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Upsert up to 5,000 sales by externalId; invalid items (an unknown clientExternalId too) are reported in `failed`, valid ones stored */
    post: operations['SalesIntegration_upsert'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    AddMemberDto: {
      /**
       * @description Login to invite; the user joins on accepting. Any login is accepted alike, registered or not.
       * @example ivan.sidorov
       */
      login: string;
      /**
       * @example member
       * @enum {string}
       */
      role: 'owner' | 'admin' | 'member';
    };
    AnalyticsChangeResponse: {
      /** @example 0.04 */
      averageOrderValue: number | null;
      /** @example -0.02 */
      buyers: number | null;
      /** @example 0.3 */
      newClients: number | null;
      /**
       * @description Difference of the rates (not relative): 0.03 = three points more.
       * @example 0.03
       */
      repeatPurchaseRate: number | null;
      /** @example 0.125 */
      revenue: number | null;
      /** @example 0.08 */
      salesCount: number | null;
    };
    AnalyticsPeriodResponse: {
      /**
       * @description revenue (net of returns) / salesCount; null without sales.
       * @example 1466.23
       */
      averageOrderValue: string | null;
      /**
       * @description Clients with a counted sale in the period.
       * @example 615
       */
      buyers: number;
      /**
       * @description First day, inclusive (company time zone).
       * @example 2026-10-22
       */
      from: string;
      /**
       * @description Buyers whose first counted sale ever is in the period.
       * @example 120
       */
      newClients: number;
      /**
       * @description Share (0..1) of buyers with two or more counted sales in the period; null without buyers.
       * @example 0.21
       */
      repeatPurchaseRate: number | null;
      /**
       * @description Buyers who had bought before the period: `buyers − newClients`.
       * @example 495
       */
      returningClients: number;
      /** @description Paid returns of the period: not sales, not purchases; their amount is subtracted from revenue. */
      returns: components['schemas']['AnalyticsReturnsResponse'];
      /**
       * @description Sum of the counted sales (status `paid`) minus the paid returns of the period, each converted at
       *     the rate of its own day.
       * @example 1234567.89
       */
      revenue: string;
      /**
       * @description The counted sales.
       * @example 842
       */
      salesCount: number;
      /**
       * @description Last day, inclusive.
       * @example 2026-11-20
       */
      to: string;
    };
    AnalyticsPointResponse: {
      /**
       * @description First day of the period, even when it is before `from`.
       * @example 2026-11-01
       */
      period: string;
      /**
       * @description Counted sales of the period inside [from, to].
       * @example 98765.40
       */
      revenue: string;
      /** @example 67 */
      salesCount: number;
    };
    AnalyticsReturnsResponse: {
      /**
       * @description The money given back; revenue is already net of it.
       * @example 15400.00
       */
      amount: string;
      /** @example 12 */
      count: number;
    };
    AnalyticsSummaryResponse: {
      /**
       * @description revenue (net of returns) / salesCount; null without sales.
       * @example 1466.23
       */
      averageOrderValue: string | null;
      /**
       * @description Clients with a counted sale in the period.
       * @example 615
       */
      buyers: number;
      change: components['schemas']['AnalyticsChangeResponse'];
      /**
       * @description ISO 4217 code of every money figure.
       * @example RUB
       */
      currency: string;
      /**
       * @description First day, inclusive (company time zone).
       * @example 2026-10-22
       */
      from: string;
      /**
       * @description Buyers whose first counted sale ever is in the period.
       * @example 120
       */
      newClients: number;
      /** @description The same indicators for the days just before `from`, as many as the period has. */
      previous: components['schemas']['AnalyticsPeriodResponse'];
      /**
       * @description Share (0..1) of buyers with two or more counted sales in the period; null without buyers.
       * @example 0.21
       */
      repeatPurchaseRate: number | null;
      /**
       * @description Buyers who had bought before the period: `buyers − newClients`.
       * @example 495
       */
      returningClients: number;
      /** @description Paid returns of the period: not sales, not purchases; their amount is subtracted from revenue. */
      returns: components['schemas']['AnalyticsReturnsResponse'];
      /**
       * @description Sum of the counted sales (status `paid`) minus the paid returns of the period, each converted at
       *     the rate of its own day.
       * @example 1234567.89
       */
      revenue: string;
      /**
       * @description The counted sales.
       * @example 842
       */
      salesCount: number;
      /**
       * @description Last day, inclusive.
       * @example 2026-11-20
       */
      to: string;
      /** @description Sales left out because they could not be converted (this period). */
      warnings: components['schemas']['AnalyticsWarningResponse'][];
    };
    AnalyticsTimeseriesResponse: {
      /** @example RUB */
      currency: string;
      /** @example 2026-01-01 */
      from: string;
      /**
       * @example month
       * @enum {string}
       */
      granularity: 'month' | 'day' | 'week';
      points: components['schemas']['AnalyticsPointResponse'][];
      /** @example 2026-11-20 */
      to: string;
      warnings: components['schemas']['AnalyticsWarningResponse'][];
    };
    AnalyticsWarningResponse: {
      /**
       * @description Their total in `currency`.
       * @example 360.00
       */
      amount: string;
      /** @example unconverted-sales */
      code: string;
      /**
       * @description The sales' currency.
       * @example USD
       */
      currency: string;
      /**
       * @description First and last local day of those sales.
       * @example 2026-01-02
       */
      firstDay: string;
      /** @example 2026-01-05 */
      lastDay: string;
      /** @example 3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out */
      message: string;
      /** @description The first of them (at most 20), by sale time. */
      sales: components['schemas']['UnconvertedSaleResponse'][];
      /**
       * @description How many sales are left out.
       * @example 3
       */
      salesCount: number;
    };
    ApiKeyResponse: {
      /** @example 2026-11-20T10:15:00.000Z */
      createdAt: string;
      id: string;
      /**
       * @description Updated at most once a minute.
       * @example 2026-11-20T12:01:00.000Z
       */
      lastUsedAt: string | null;
      /** @example Интернет-магазин */
      name: string;
      /**
       * @description The first characters of the key, enough to recognise it.
       * @example crm_live_3fA9
       */
      prefix: string;
      revokedAt: string | null;
    };
    AssistantActionResponse: {
      /** @description The client written to; null for `create_report` (and a `create_task` on no client). */
      clientId: string | null;
      /** @example Иван Петров */
      clientName: string | null;
      id: string;
      /**
       * @example add_note
       * @enum {string}
       */
      kind: 'add_note' | 'add_interaction' | 'create_report' | 'create_task';
      /**
       * @description What will be written: `{text}` for a note, `{type, summary, occurredAt}` for an interaction,
       *     `{type, from, to, title}` for a report (`type` one of the report types), `{title, type, dueAt,
       *     timeZone, dealId, dealTitle}` for a task (`type` one of the task types; `dueAt` ISO 8601; `timeZone`
       *     the company's, in which the answer names the due time).
       */
      payload: {
        [key: string]: unknown;
      };
      /** @description The note, interaction, report or task created on confirmation (a report: `GET reports/:id`). */
      resultId?: string | null;
      /**
       * @example proposed
       * @enum {string}
       */
      status: 'cancelled' | 'proposed' | 'confirmed';
    };
    AssistantChartPointResponse: {
      /** @example 2024-01-01 */
      period: string;
      /** @example 125000.00 */
      value: string;
    };
    AssistantChartResponse: {
      /** @example RUB */
      currency: string;
      /** @description Points that are a forecast, not history (forecast charts). */
      forecastFrom?: string | null;
      points: components['schemas']['AssistantChartPointResponse'][];
      /** @example Выручка по месяцам, RUB */
      title: string;
    };
    AssistantChatDto: {
      /**
       * Format: uuid
       * @description Continue this conversation of the caller; omitted → a new conversation.
       */
      conversationId?: string;
      /**
       * @description The language of the answer; default: the question's language (Cyrillic → ru).
       * @example ru
       * @enum {string}
       */
      locale?: 'ru' | 'en';
      /**
       * @description The question, 1–2000 characters.
       * @example Какая выручка за 2024 год?
       */
      message: string;
    };
    AssistantChatResponse: {
      actions: components['schemas']['AssistantActionResponse'][];
      /** @description The answer in Markdown-free plain text with locale-formatted numbers. */
      answer: string;
      charts: components['schemas']['AssistantChartResponse'][];
      conversationId: string;
      messageId: string;
      /**
       * @description `offline` (the built-in planner) or the model's name.
       * @example offline
       */
      mode: string;
      records: components['schemas']['AssistantRecordResponse'][];
      /** @description Tables the tools returned (deals analytics). */
      tables: components['schemas']['AssistantTableResponse'][];
      toolCalls: components['schemas']['AssistantToolCallResponse'][];
      usage: components['schemas']['AssistantUsageResponse'];
    };
    AssistantConversationDetailResponse: {
      createdAt: string;
      id: string;
      /** @description Tokens the conversation used with a model (input + output). */
      inputTokens: number;
      messages: components['schemas']['AssistantMessageResponse'][];
      outputTokens: number;
      /** @example Выручка за 2024 год */
      title: string;
      updatedAt: string;
    };
    AssistantConversationListResponse: {
      items: components['schemas']['AssistantConversationResponse'][];
    };
    AssistantConversationResponse: {
      createdAt: string;
      id: string;
      /** @description Tokens the conversation used with a model (input + output). */
      inputTokens: number;
      outputTokens: number;
      /** @example Выручка за 2024 год */
      title: string;
      updatedAt: string;
    };
    AssistantMessageResponse: {
      actions: components['schemas']['AssistantActionResponse'][];
      charts: components['schemas']['AssistantChartResponse'][];
      content: string;
      createdAt: string;
      id: string;
      mode: string | null;
      records: components['schemas']['AssistantRecordResponse'][];
      /**
       * @example assistant
       * @enum {string}
       */
      role: 'user' | 'assistant';
      tables: components['schemas']['AssistantTableResponse'][];
      toolCalls: components['schemas']['AssistantToolCallResponse'][];
    };
    AssistantRecommendationResponse: {
      /**
       * @description What to do.
       * @example offer_product
       * @enum {string}
       */
      action: 'offer_product' | 'win_back' | 'retain' | 'thank' | 'first_purchase' | 'follow_up';
      /** @description The client the recommendation is about. */
      clientId: string;
      /** @example Анна Смирнова */
      clientName: string | null;
      /** @description The figures the reason states. */
      numbers: {
        [key: string]: unknown;
      };
      /** @description A product key for `offer_product`. */
      product?: string | null;
      /**
       * @description Why, with the numbers.
       * @example 42% покупателей «Подсвечник» покупают и его (лифт 3,1)
       */
      reason: string;
      /** @example Предложить: Фонарь металлический белый */
      title: string;
    };
    AssistantRecommendationsResponse: {
      /**
       * @description The day the customer models see the data from.
       * @example 2026-12-01
       */
      asOf: string | null;
      items: components['schemas']['AssistantRecommendationResponse'][];
      /** @example ru */
      locale: string;
    };
    AssistantRecordResponse: {
      /** @description The client's, sale's, deal's or task's id; the product key (`sku:…`/`name:…`) for products. */
      id: string;
      /**
       * @example client
       * @enum {string}
       */
      kind: 'sale' | 'client' | 'product' | 'deal' | 'task';
      /** @example Иван Петров */
      label: string;
    };
    AssistantStatusResponse: {
      /** @example offline */
      mode: string;
      /** @description Suggested questions in the requested language. */
      suggestions: string[];
    };
    AssistantTableResponse: {
      /**
       * @description Column headings in the answer's language.
       * @example [
       *       "Этап",
       *       "Сделок",
       *       "Сумма",
       *       "Взвешенная"
       *     ]
       */
      columns: string[];
      /** @description A last, emphasised row (totals); null when none. */
      footer?: string[] | null;
      /** @description Which columns hold numbers (aligned right). */
      numeric: boolean[];
      rows: components['schemas']['AssistantTableRowResponse'][];
      /** @example Воронка по этапам, RUB */
      title: string;
    };
    AssistantTableRowResponse: {
      /**
       * @description The cells, formatted for the answer's language (money, numbers, dates).
       * @example [
       *       "Новая",
       *       "3",
       *       "150 000,00 ₽"
       *     ]
       */
      cells: string[];
      link?: components['schemas']['AssistantRecordResponse'] | null;
    };
    AssistantToolCallResponse: {
      /** @description The arguments the tool was called with (never a company or user: those come from the request). */
      args: {
        [key: string]: unknown;
      };
      /**
       * @description What it did, in the answer's language.
       * @example посмотрел сводку продаж за 01.01.2024–31.12.2024
       */
      label: string;
      /** @example sales_summary */
      name: string;
      /**
       * @description `ok`, or `error` with a short reason the model was given.
       * @example ok
       * @enum {string}
       */
      outcome: 'error' | 'ok';
    };
    AssistantUsageResponse: {
      inputTokens: number;
      outputTokens: number;
    };
    AuthCompany: {
      /** @example 0b8f2f5e-5c7e-4f3e-9a3e-2b1d9b8f7c6a */
      id: string;
      /** @example ООО Ромашка */
      name: string;
    };
    AuthorResponse: {
      id: string;
      /** @example anna.petrova */
      login: string;
    };
    AuthResponse: {
      /** @description Short-lived JWT for `Authorization: Bearer …`. */
      accessToken: string;
      /** @description Present when `register` created a company. */
      company?: components['schemas']['AuthCompany'];
      /** @description Opaque token for `POST /api/auth/refresh`; it works once (rotation). */
      refreshToken: string;
      user: components['schemas']['AuthUser'];
    };
    AuthUser: {
      /** @example 6c1f0d0e-8a0e-4c59-9a83-5a3f0b2f4a11 */
      id: string;
      /** @example anna.petrova */
      login: string;
    };
    BatchFailureResponse: {
      /**
       * @example [
       *       "email must look like name@domain"
       *     ]
       */
      errors: string[];
      /**
       * @description The item's externalId when it had a usable one.
       * @example C-10045
       */
      externalId: string | null;
      /**
       * @description Position of the item in `items`, from 0.
       * @example 3
       */
      index: number;
    };
    BatchResultResponse: {
      /** @example 120 */
      created: number;
      failed: components['schemas']['BatchFailureResponse'][];
      /**
       * @description Identical to what was stored (a replay).
       * @example 4877
       */
      unchanged: number;
      /** @example 3 */
      updated: number;
      /** @description Items stored as sent but worth a look (sales: an amount that differs from its items' total). */
      warnings?: components['schemas']['BatchWarningResponse'][];
    };
    BatchWarningResponse: {
      /** @example INV-536370 */
      externalId: string | null;
      /**
       * @description Position of the item in `items`, from 0.
       * @example 7
       */
      index: number;
      /**
       * @example [
       *       "amount 100.00 differs from the items total 102.50"
       *     ]
       */
      warnings: string[];
    };
    ClientBatchDto: {
      /** @description Validated per item by the service (partial success), from the items as sent. */
      items: components['schemas']['ClientBatchItemDto'][];
    };
    ClientBatchItemDto: {
      /**
       * @description Free text up to 200 characters: what the client does or buys.
       * @example Розничная торговля
       */
      activity?: string | null;
      /**
       * @description Anything else the integration knows: a JSON object up to 16 KB.
       * @example {
       *       "city": "Казань",
       *       "segment": "B2C"
       *     }
       */
      attributes?: {
        [key: string]: unknown;
      } | null;
      /** @example ivan.petrov@example.ru */
      email?: string | null;
      /**
       * @description 1–128 characters; the key of the upsert.
       * @example C-10042
       */
      externalId: string;
      /** @example Иван Петров */
      name?: string | null;
      /**
       * @description Free text as the source has it.
       * @example +7 900 123-45-67
       */
      phone?: string | null;
    };
    ClientDeleteConflictResponse: {
      /** @example client_has_sales */
      code?: string;
      /** @example Conflict */
      error: string;
      /** @example The client has 12 sales (125000.00 RUB); repeat with ?confirm=true to delete them too */
      message: string;
      /** @example 409 */
      statusCode: number;
      wouldDelete: components['schemas']['ClientDeletionLossResponse'];
    };
    ClientDeletionLossResponse: {
      /** @example 4 */
      interactions: number;
      /** @example 2 */
      notes: number;
      /** @description The revenue of those sales, per currency. */
      revenue: components['schemas']['MoneyAmountResponse'][];
      /** @example 12 */
      sales: number;
    };
    ClientFeedResponse: {
      items: components['schemas']['ClientResponse'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    ClientOutlookResponse: {
      /** @example 2026-11-20 */
      asOf: string;
      clientId: string;
      /** @example RUB */
      currency: string;
      /**
       * @description Expected purchases in the 90 days after `asOf`.
       * @example 1.6
       */
      expectedPurchases90d: number | null;
      /**
       * @description Expected revenue from the client in those 90 days.
       * @example 4520.00
       */
      expectedValue90d: string | null;
      /**
       * @description First and last purchase day.
       * @example 2025-03-02
       */
      firstPurchase: string | null;
      /** @example 2026-10-30 */
      lastPurchase: string | null;
      model: components['schemas']['CustomerModelInfoResponse'];
      /** @description Why a figure is missing or degraded. */
      notes: string[];
      /**
       * @description Probability (0..1) that the client is still active; null without purchases or fitted models.
       * @example 0.87
       */
      pAlive: number | null;
      /**
       * @description Purchase days up to `asOf`.
       * @example 6
       */
      purchases: number;
      /** @description Products the client has not bought that co-purchase rules suggest, best first, each with its rule. */
      recommendedProducts: components['schemas']['RecommendedProductResponse'][];
      /**
       * @description R, F and M quintile scores, e.g. "545".
       * @example 545
       */
      rfm: string | null;
      /**
       * @description The client's RFM segment; null without purchases.
       * @example loyal
       * @enum {string|null}
       */
      segment:
        | 'lost'
        | 'champions'
        | 'loyal'
        | 'potential_loyalists'
        | 'new'
        | 'at_risk'
        | 'cannot_lose'
        | 'hibernating'
        | null;
    };
    ClientPageResponse: {
      items: components['schemas']['ClientResponse'][];
      /** @example 1 */
      page: number;
      /** @example 50 */
      pageSize: number;
      /** @example 1234 */
      total: number;
    };
    ClientRecommendationResponse: {
      /**
       * @description What to do.
       * @example offer_product
       * @enum {string}
       */
      action: 'offer_product' | 'win_back' | 'retain' | 'thank' | 'first_purchase' | 'follow_up';
      /** @description The figures the reason states. */
      numbers: {
        [key: string]: unknown;
      };
      /** @description A product key for `offer_product`. */
      product?: string | null;
      /**
       * @description Why, with the numbers.
       * @example 42% покупателей «Подсвечник» покупают и его (лифт 3,1)
       */
      reason: string;
      /** @example Предложить: Фонарь металлический белый */
      title: string;
    };
    ClientRecommendationsResponse: {
      clientId: string;
      items: components['schemas']['ClientRecommendationResponse'][];
      /** @example ru */
      locale: string;
    };
    ClientResponse: {
      /** @example Розничная торговля */
      activity: string | null;
      /**
       * @example {
       *       "city": "Казань"
       *     }
       */
      attributes: {
        [key: string]: unknown;
      } | null;
      /** @example 2026-11-01T08:00:00.000Z */
      createdAt: string;
      /** @example ivan.petrov@example.ru */
      email: string | null;
      /** @example C-10042 */
      externalId: string | null;
      /** @example 3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10 */
      id: string;
      /**
       * @description The latest interaction or sale.
       * @example 2026-11-20T10:15:00.000Z
       */
      lastInteractionAt: string | null;
      /** @example Иван Петров */
      name: string | null;
      /** @example +7 900 123-45-67 */
      phone: string | null;
      /** @example 2026-11-20T10:15:00.000Z */
      updatedAt: string;
    };
    ClientSummaryResponse: {
      /** @example ivan.petrov@example.ru */
      email: string | null;
      /** @example C-10042 */
      externalId: string | null;
      id: string;
      /** @example Иван Петров */
      name: string | null;
    };
    CompanyMembershipResponse: {
      id: string;
      /** @example ООО Ромашка */
      name: string;
      /**
       * @example owner
       * @enum {string}
       */
      role: 'owner' | 'admin' | 'member';
    };
    CompanyResponse: {
      /**
       * @description ISO 4217 code all analytics default to.
       * @example RUB
       */
      baseCurrency: string;
      id: string;
      /** @example ООО Ромашка */
      name: string;
      /**
       * @description IANA time zone that decides day, week and month boundaries.
       * @example Europe/Moscow
       */
      timeZone: string;
    };
    CreateApiKeyDto: {
      /**
       * @description What the key is for, so it can be told apart later.
       * @example Интернет-магазин
       */
      name: string;
    };
    CreateClientDto: {
      /**
       * @description Free text up to 200 characters: what the client does or buys.
       * @example Розничная торговля
       */
      activity?: string | null;
      /**
       * @description Anything else the integration knows: a JSON object up to 16 KB.
       * @example {
       *       "city": "Казань",
       *       "segment": "B2C"
       *     }
       */
      attributes?: {
        [key: string]: unknown;
      } | null;
      /** @example ivan.petrov@example.ru */
      email?: string | null;
      /**
       * @description The client's id in the integrating system; unique in the company (409 when taken).
       * @example C-10042
       */
      externalId?: string | null;
      /** @example Иван Петров */
      name?: string | null;
      /**
       * @description Free text as the source has it.
       * @example +7 900 123-45-67
       */
      phone?: string | null;
    };
    CreateCompanyDto: {
      /** @example ООО Ромашка */
      name: string;
    };
    CreatedApiKeyResponse: {
      id: string;
      /**
       * @description The full secret for the `X-API-Key` header.
       * @example crm_live_3fA9c1Zb0nq8VwKjT2pXyR7sLmE4hGdU
       */
      key: string;
      /** @example Интернет-магазин */
      name: string;
      /** @example crm_live_3fA9 */
      prefix: string;
    };
    CreatedCompanyResponse: {
      id: string;
      /** @example ООО Ромашка */
      name: string;
    };
    CreateDealDto: {
      /**
       * @description A decimal string (a JSON number is accepted too) with at most the currency's minor digits.
       * @example 150000.00
       */
      amount: string;
      /**
       * Format: uuid
       * @description A client of this company.
       */
      clientId: string;
      /**
       * Format: currency
       * @description ISO 4217.
       * @example RUB
       */
      currency: string;
      /** @example 2026-12-31 */
      expectedCloseDate?: string | null;
      /**
       * @description The deal's id in an integrating system; unique in the company (409 when taken).
       * @example ORD-1001
       */
      externalId?: string | null;
      nextStep?: components['schemas']['NextStepDto'] | null;
      /**
       * Format: uuid
       * @description A member of the company; on create the default is the caller.
       */
      ownerId?: string;
      /** Format: uuid */
      pipelineId?: string;
      /**
       * @description Win probability 0–100 %; `null` (or omitted on create): the stage's default, which follows the deal from stage to stage.
       * @example 30
       */
      probability?: number | null;
      /**
       * @description Where the deal came from.
       * @example Сайт
       */
      source?: string | null;
      /** Format: uuid */
      stageId?: string;
      /** @example Поставка 200 свечей */
      title: string;
    };
    CreateInteractionDto: {
      /**
       * @description When it happened.
       * @example 2026-11-20T10:15:00+03:00
       */
      occurredAt: string;
      /** @example Обсудили условия поставки */
      summary: string;
      /**
       * @example call
       * @enum {string}
       */
      type: 'call' | 'email' | 'meeting' | 'message' | 'purchase' | 'other';
    };
    CreateNoteDto: {
      /** @example Предпочитает связь по почте */
      text: string;
    };
    CreatePipelineDto: {
      /** @example Оптовые продажи */
      name: string;
      stages?: components['schemas']['StageInputDto'][];
    };
    CreateReportDto: {
      /**
       * Format: currency
       * @description ISO 4217 code of the money figures; default the company's base currency.
       * @example RUB
       */
      currency?: string;
      filters?: components['schemas']['ReportFiltersDto'];
      /**
       * @description First day, inclusive; required without `preset`.
       * @example 2025-01-01
       */
      from?: string;
      /**
       * @description A period relative to the day of generation; overrides `from`/`to`.
       * @example last-month
       * @enum {string}
       */
      preset?:
        | 'this-month'
        | 'last-month'
        | 'this-quarter'
        | 'last-quarter'
        | 'this-year'
        | 'last-year'
        | 'last-30-days'
        | 'last-90-days'
        | 'last-365-days';
      /**
       * @description Default: the type's name and the period.
       * @example Продажи за 2025 год
       */
      title?: string;
      /**
       * @description Last day, inclusive; required without `preset`; not before `from`, at most 20 years after.
       * @example 2025-12-31
       */
      to?: string;
      /**
       * @example sales-overview
       * @enum {string}
       */
      type: 'sales-trends' | 'sales-recommendations' | 'sales-overview' | 'pipeline';
    };
    CreateSaleDto: {
      /**
       * @description A decimal string (a JSON number is accepted too) with at most the currency's minor digits; positive for a return.
       * @example 1234.50
       */
      amount: string;
      /**
       * Format: uuid
       * @description The buyer, a client of this company.
       */
      clientId: string;
      /**
       * Format: currency
       * @description ISO 4217.
       * @example RUB
       */
      currency: string;
      /**
       * @description The sale's id in the integrating system; unique in the company (409 when taken).
       * @example INV-536365
       */
      externalId?: string | null;
      items?: components['schemas']['SaleItemDto'][];
      /**
       * @description `sale` (default) or `return`: a return gives back (part of) the sale `returnOf`.
       * @example sale
       * @enum {string}
       */
      kind?: 'sale' | 'return';
      /**
       * Format: uuid
       * @description For a return: the `id` of the original sale (same client and currency). The return's amount and
       *     items are what is given back, positive, at most what the original still has unreturned.
       */
      returnOf?: string | null;
      /** @example 2026-11-20T10:15:00+03:00 */
      soldAt: string;
      /**
       * @description Default `paid`.
       * @example paid
       * @enum {string}
       */
      status?: 'pending' | 'paid' | 'cancelled' | 'refunded';
    };
    CreateStageDto: {
      /**
       * @description `open` (default), or terminal: `won`, `lost`.
       * @example open
       * @enum {string}
       */
      kind?: 'open' | 'won' | 'lost';
      /** @example Квалификация */
      name: string;
      /**
       * @description Where it goes, from 0; the stages from there shift right. Default: after the last open stage.
       * @example 2
       */
      position?: number;
      /**
       * @description Default win probability of a deal in this stage, 0–100 %.
       * @example 20
       */
      probability: number;
    };
    CreateTaskDto: {
      /** Format: uuid */
      assigneeId?: string;
      /** Format: uuid */
      clientId?: string | null;
      /** Format: uuid */
      dealId?: string | null;
      /** @example false */
      done?: boolean;
      /** @example 2026-12-03T15:00:00+03:00 */
      dueAt: string;
      /** @example Отправить коммерческое предложение */
      title: string;
      /**
       * @example email
       * @enum {string}
       */
      type: 'call' | 'meeting' | 'email' | 'todo';
    };
    CustomerModelInfoResponse: {
      /**
       * @description Clients the models were fitted on.
       * @example 8123
       */
      customers: number;
      /**
       * @description When the models were fitted.
       * @example 2026-11-20T03:00:00.000Z
       */
      fittedAt: string;
      /**
       * @description BG/NBD r, α (days), a, b and Gamma-Gamma p, q, γ.
       * @example {
       *       "r": 0.24,
       *       "alpha": 30.8,
       *       "a": 0.79,
       *       "b": 2.43
       *     }
       */
      params: {
        [key: string]: number;
      };
      /**
       * @description `fitted`, or why the models could not be fitted (`no-purchases`, `no-repeat-purchases`).
       * @example fitted
       * @enum {string}
       */
      status: 'fitted' | 'no-purchases' | 'no-repeat-purchases';
    };
    DealBatchDto: {
      /** @description Validated per item by the service (partial success), from the items as sent. */
      items: components['schemas']['DealBatchItemDto'][];
    };
    DealBatchItemDto: {
      /**
       * @description A decimal string (a JSON number is accepted too) with at most the currency's minor digits.
       * @example 15000.00
       */
      amount: string;
      /**
       * @description The client's `externalId`; the client must exist in this company.
       * @example C-10042
       */
      clientExternalId: string;
      /**
       * Format: currency
       * @description ISO 4217.
       * @example RUB
       */
      currency: string;
      /** @example 2026-12-31 */
      expectedCloseDate?: string | null;
      /**
       * @description 1–128 characters; the key of the upsert.
       * @example ORD-1001
       */
      externalId: string;
      /**
       * @description Required when `stage` is a lost stage.
       * @example Дорого
       */
      lostReason?: string | null;
      /**
       * @description A pipeline's name.
       * @example Воронка продаж
       */
      pipeline?: string | null;
      /** @example Сайт */
      source?: string | null;
      /**
       * @description A stage's name in that pipeline.
       * @example Новая
       */
      stage?: string | null;
      /** @example Заказ с сайта №1001 */
      title: string;
    };
    DealFeedResponse: {
      items: components['schemas']['IntegrationDealResponse'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    DealFunnelResponse: {
      /**
       * @description Average amount of the won deals of the cohort, in `currency`; null when none.
       * @example 125000.00
       */
      averageDealSize: string | null;
      /**
       * @description Deals that entered the pipeline in the period.
       * @example 200
       */
      cohort: number;
      /** @example RUB */
      currency: string;
      /** @example 2026-10-01 */
      from: string;
      /**
       * @description Median days from entering the pipeline to being won, over the won deals of the cohort.
       * @example 21.5
       */
      medianCycleDays: number | null;
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      pipelineId: string;
      stages: components['schemas']['FunnelStageResponse'][];
      /** @example 2026-12-31 */
      to: string;
      /**
       * @description Won deals left out of `averageDealSize` because their currency has no rate to `currency`.
       * @example 0
       */
      unconvertedDeals: number;
      /**
       * @description Won over won + lost deals of the cohort; null when none is closed.
       * @example 0.31
       */
      winRate: number | null;
    };
    DealOwnersResponse: {
      /** @example RUB */
      currency: string;
      /** @example 2026-10-01 */
      from: string;
      items: components['schemas']['OwnerFunnelResponse'][];
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      pipelineId: string;
      /** @example 2026-12-31 */
      to: string;
    };
    DealPageResponse: {
      items: components['schemas']['DealResponse'][];
      /** @example 1 */
      page: number;
      /** @example 50 */
      pageSize: number;
      /** @example 1234 */
      total: number;
    };
    DealPipelineValueResponse: {
      /** @description Months with open deals, ascending; deals without an expected close date last (month null). */
      byCloseMonth: components['schemas']['PipelineMonthValueResponse'][];
      /** @description Every open stage of the pipeline in order, zeros included. */
      byStage: components['schemas']['PipelineStageValueResponse'][];
      /** @example RUB */
      currency: string;
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      pipelineId: string;
      /** @example 1730000.00 */
      totalValue: string;
      /** @example 990000.00 */
      totalWeightedValue: string;
      /**
       * @description Open deals left out because their currency has no rate to `currency`.
       * @example 0
       */
      unconvertedDeals: number;
    };
    DealResponse: {
      /**
       * @description With exactly the currency's minor digits.
       * @example 150000.00
       */
      amount: string;
      clientId: string;
      /**
       * @description The client's name (or e-mail when it has no name).
       * @example Иван Петров
       */
      clientName: string | null;
      /** @description When it was won or lost; null while open. */
      closedAt: string | null;
      /** @example 2026-12-01T08:00:00.000Z */
      createdAt: string;
      /** @example RUB */
      currency: string;
      /** @example 2026-12-31 */
      expectedCloseDate: string | null;
      /** @example ORD-1001 */
      externalId: string | null;
      id: string;
      lostReason: string | null;
      nextStep: components['schemas']['NextStepResponse'] | null;
      /** @description The member who owns the deal; null when that user was removed. */
      ownerId: string | null;
      /**
       * @description The owner's login.
       * @example anna.petrova
       */
      ownerName: string | null;
      pipelineId: string;
      /**
       * @description Win probability in %, the stage's default unless set on the deal.
       * @example 50
       */
      probability: number;
      /**
       * @description Whether `probability` was set on the deal rather than taken from the stage.
       * @example false
       */
      probabilityOverridden: boolean;
      /** @description The sale a won deal became. */
      saleId: string | null;
      /** @example Сайт */
      source: string | null;
      /**
       * @description When the deal entered its current stage.
       * @example 2026-12-01T08:00:00.000Z
       */
      stageEnteredAt: string;
      stageId: string;
      /** @example Предложение */
      stageName: string;
      /**
       * @example open
       * @enum {string}
       */
      status: 'open' | 'won' | 'lost';
      /** @example Поставка 200 свечей */
      title: string;
      /** @example 2026-12-01T08:00:00.000Z */
      updatedAt: string;
    };
    DealStageChangeResponse: {
      /** @example 2026-12-01T08:00:00.000Z */
      at: string;
      fromStageId: string | null;
      toStageId: string;
      /** @description Who moved it; null when that user was deleted (or an integration did). */
      userId: string | null;
    };
    ErrorResponse: {
      /**
       * @description A stable machine-readable code (see `ERROR_CODES`): what clients translate and branch on.
       *     A code for the status (`not_found`, `conflict`, ...) when there is no more specific one.
       * @example validation_failed
       */
      code?: string;
      /** @description Present on 400 answers: each bad field with its reasons. */
      details?: components['schemas']['FieldError'][];
      /** @example Bad Request */
      error: string;
      /**
       * @description Human readable, in English.
       * @example Validation failed
       */
      message: string;
      /** @example 400 */
      statusCode: number;
    };
    ExchangeRateDto: {
      /**
       * Format: currency
       * @description ISO 4217 code of the foreign currency.
       * @example USD
       */
      currency: string;
      /**
       * @description Units of the base currency per 1 unit of `currency`: a decimal string (a JSON number is accepted too), > 0, up to 10 fractional digits.
       * @example 92.5012
       */
      rate: string;
      /**
       * @description In force from this day until the next rate of the currency.
       * @example 2026-01-01
       */
      validFrom: string;
    };
    ExchangeRateResponse: {
      /** @example USD */
      currency: string;
      /**
       * @description Exact decimal text, units of the base currency per 1 unit of `currency`.
       * @example 92.5012
       */
      rate: string;
      /** @example 2026-01-01 */
      validFrom: string;
    };
    ExchangeRatesResponse: {
      /**
       * @description The company's base currency the rates convert to.
       * @example RUB
       */
      baseCurrency: string;
      /** @description By currency, then validFrom. */
      rates: components['schemas']['ExchangeRateResponse'][];
    };
    FieldError: {
      /**
       * @description A stable code per message, in the same order (the validation rule that failed, e.g.
       *     `isEmail`, `maxLength`, `isNotEmpty`), for clients that translate.
       * @example [
       *       "minLength"
       *     ]
       */
      codes?: string[];
      /**
       * @description Path of the field in the request body or query, e.g. `items.3.amount`.
       * @example password
       */
      field: string;
      /**
       * @example [
       *       "password must be longer than or equal to 10 characters"
       *     ]
       */
      messages: string[];
    };
    ForecastBacktestResponse: {
      /** @description The better simple benchmark (naive or seasonal naive) on the same back-test; null without a back-test. */
      benchmark: components['schemas']['ForecastBenchmarkResponse'] | null;
      /**
       * @description True when the engine's usual choice back-tested worse than the benchmark, so the benchmark is the model.
       * @example false
       */
      fallback: boolean;
      /**
       * @description Periods ahead the back-test scored (0 when none).
       * @example 12
       */
      horizon: number;
      /**
       * @description Mean absolute scaled error; null when no back-test was possible.
       * @example 0.84
       */
      mase: number | null;
      /**
       * @description Symmetric MAPE in percent.
       * @example 12.7
       */
      smape: number | null;
    };
    ForecastBenchmarkResponse: {
      /** @example 1.12 */
      mase: number | null;
      /** @example SeasonalNaive */
      model: string;
      /** @example 15.3 */
      smape: number | null;
    };
    ForecastPointResponse: {
      /**
       * @description 80% prediction interval.
       * @example 1100000.00
       */
      lower80: string;
      /**
       * @description 95% prediction interval.
       * @example 1020000.00
       */
      lower95: string;
      /**
       * @description First day of the forecast period.
       * @example 2026-11-01
       */
      period: string;
      /**
       * @description Point forecast of the period's revenue.
       * @example 1250000.00
       */
      revenue: string;
      /** @example 1400000.00 */
      upper80: string;
      /** @example 1480000.00 */
      upper95: string;
    };
    FunnelStageResponse: {
      /**
       * @description `reached` of this stage over `reached` of the previous open stage (the first stage: over the
       *     cohort; the lost stage: lost deals over the cohort); null when the denominator is 0.
       * @example 0.62
       */
      conversion: number | null;
      /**
       * @description Deals of the cohort that were in this stage at some time.
       * @example 120
       */
      entered: number;
      /**
       * @description `open`, `won` or `lost`.
       * @example open
       * @enum {string}
       */
      kind: 'open' | 'won' | 'lost';
      /**
       * @description Median days a deal of the cohort spent in this stage (stays that ended); null when none.
       * @example 4.5
       */
      medianDays: number | null;
      /** @example Предложение */
      name: string;
      /**
       * @description Deals of the cohort that got this far: were in this stage or any later open or won stage (for
       *     the lost stage: the lost deals).
       * @example 140
       */
      reached: number;
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      stageId: string;
    };
    HistoryPointResponse: {
      /** @example 2026-10-01 */
      period: string;
      /** @example 1198000.00 */
      revenue: string;
    };
    ImportJobResponse: {
      /**
       * @description The header row.
       * @example [
       *       "Код",
       *       "ФИО",
       *       "E-mail",
       *       "Телефон"
       *     ]
       */
      columns: string[];
      /** @example 2026-11-20T10:15:00.000Z */
      createdAt: string;
      /**
       * @description Detected.
       * @example ;
       * @enum {string}
       */
      delimiter: ',' | ';' | '\t';
      /**
       * @description Detected.
       * @example windows-1251
       * @enum {string}
       */
      encoding: 'utf-8' | 'windows-1251';
      /** @description Why the run failed, or null. */
      error: string | null;
      /**
       * @description As uploaded.
       * @example клиенты.csv
       */
      fileName: string;
      finishedAt: string | null;
      id: string;
      /**
       * @example clients
       * @enum {string}
       */
      kind: 'clients' | 'sales';
      /** @description The mapping of the last run, null before. */
      mapping: components['schemas']['ImportMappingDto'] | null;
      progress: components['schemas']['ImportProgressResponse'];
      /**
       * @description Data rows in the file; null while still being counted.
       * @example 100000
       */
      rowsTotal: number | null;
      /** @example 1048576 */
      sizeBytes: number;
      startedAt: string | null;
      /**
       * @example running
       * @enum {string}
       */
      status: 'cancelled' | 'uploaded' | 'running' | 'completed' | 'failed';
      /** @description Columns recognised by their header (Russian or English names). */
      suggestedMapping: components['schemas']['ImportMappingDto'];
    };
    ImportMappingDto: {
      /** @example Вид деятельности */
      activity?: string;
      /** @example Сумма */
      amount?: string;
      /**
       * @description Columns kept in the client's `attributes`, keyed by their header.
       * @example [
       *       "Город"
       *     ]
       */
      attributes?: string[];
      /** @example Клиент */
      clientExternalId?: string;
      /** @example Валюта */
      currency?: string;
      /** @example E-mail */
      email?: string;
      /** @example Код */
      externalId?: string;
      /** @example Товар */
      itemName?: string;
      /** @example ФИО */
      name?: string;
      /** @example Телефон */
      phone?: string;
      /** @example Количество */
      quantity?: string;
      /** @example Артикул */
      sku?: string;
      /** @example Дата */
      soldAt?: string;
      /** @example Статус */
      status?: string;
      /** @example Цена */
      unitPrice?: string;
    };
    ImportPreviewResponse: {
      /** @example 1 */
      invalid: number;
      rows: components['schemas']['ImportPreviewRowResponse'][];
      /** @example 19 */
      valid: number;
    };
    ImportPreviewRowResponse: {
      /**
       * @description The same reasons by field, each with a stable rule code (`isEmail`, `unknownClient`,
       *     `columnCount`, ...) for clients that translate. Empty when the record is valid.
       */
      details: components['schemas']['FieldError'][];
      /**
       * @description Empty when the record is valid.
       * @example [
       *       "email must look like name@domain"
       *     ]
       */
      errors: string[];
      /**
       * @description Line numbers of its rows in the file (the header is line 1).
       * @example [
       *       2
       *     ]
       */
      lines: number[];
      /** @description The record built from the row(s), as it would be sent to the batch upsert. */
      record: {
        [key: string]: unknown;
      };
    };
    ImportProgressResponse: {
      /** @example 11800 */
      created: number;
      /**
       * @description Records refused, with their reasons in the rejected-rows report.
       * @example 50
       */
      failed: number;
      /**
       * @description Rows in the rejected-rows report.
       * @example 50
       */
      rejectedRows: number;
      /**
       * @description Data rows read so far (the header not counted).
       * @example 12000
       */
      rowsDone: number;
      /**
       * @description Identical to what was stored (a re-run).
       * @example 0
       */
      unchanged: number;
      /** @example 150 */
      updated: number;
    };
    IntegrationDealResponse: {
      /**
       * @description With exactly the currency's minor digits.
       * @example 150000.00
       */
      amount: string;
      /** @example C-10042 */
      clientExternalId: string | null;
      clientId: string;
      /**
       * @description The client's name (or e-mail when it has no name).
       * @example Иван Петров
       */
      clientName: string | null;
      /** @description When it was won or lost; null while open. */
      closedAt: string | null;
      /** @example 2026-12-01T08:00:00.000Z */
      createdAt: string;
      /** @example RUB */
      currency: string;
      /** @example 2026-12-31 */
      expectedCloseDate: string | null;
      /** @example ORD-1001 */
      externalId: string | null;
      id: string;
      lostReason: string | null;
      nextStep: components['schemas']['NextStepResponse'] | null;
      /** @description The member who owns the deal; null when that user was removed. */
      ownerId: string | null;
      /**
       * @description The owner's login.
       * @example anna.petrova
       */
      ownerName: string | null;
      pipelineId: string;
      /** @example Воронка продаж */
      pipelineName: string;
      /**
       * @description Win probability in %, the stage's default unless set on the deal.
       * @example 50
       */
      probability: number;
      /**
       * @description Whether `probability` was set on the deal rather than taken from the stage.
       * @example false
       */
      probabilityOverridden: boolean;
      /** @description The sale a won deal became. */
      saleId: string | null;
      /** @example Сайт */
      source: string | null;
      /**
       * @description When the deal entered its current stage.
       * @example 2026-12-01T08:00:00.000Z
       */
      stageEnteredAt: string;
      stageId: string;
      /** @example Предложение */
      stageName: string;
      /**
       * @example open
       * @enum {string}
       */
      status: 'open' | 'won' | 'lost';
      /** @example Поставка 200 свечей */
      title: string;
      /** @example 2026-12-01T08:00:00.000Z */
      updatedAt: string;
    };
    IntegrationSaleResponse: {
      /**
       * @description With exactly the currency's minor digits.
       * @example 1234.50
       */
      amount: string;
      /** @example C-10042 */
      clientExternalId: string | null;
      clientId: string;
      /** @example 2026-11-20T07:16:00.000Z */
      createdAt: string;
      /** @example RUB */
      currency: string;
      /** @example INV-536365 */
      externalId: string | null;
      id: string;
      items: components['schemas']['SaleItemResponse'][];
      /**
       * @description `sale` or `return`.
       * @example sale
       * @enum {string}
       */
      kind: 'sale' | 'return';
      /** @description For a return, the original sale's `id` (web API) or `externalId` (integration API); otherwise null. */
      returnOf: string | null;
      /** @example 2026-11-20T07:15:00.000Z */
      soldAt: string;
      /**
       * @example paid
       * @enum {string}
       */
      status: 'pending' | 'paid' | 'cancelled' | 'refunded';
      /** @example 2026-11-20T07:16:00.000Z */
      updatedAt: string;
    };
    InteractionResponse: {
      author: components['schemas']['AuthorResponse'] | null;
      clientId: string;
      /** @example 2026-11-20T07:20:00.000Z */
      createdAt: string;
      /** @description The deal it belongs to, or `null` when it is the client's own (or its deal was deleted). */
      dealId: string | null;
      /**
       * @description The deal's title, for the link on the client's timeline.
       * @example Поставка 200 свечей
       */
      dealTitle: string | null;
      id: string;
      /** @example 2026-11-20T07:15:00.000Z */
      occurredAt: string;
      /** @example Обсудили условия поставки */
      summary: string;
      /**
       * @example call
       * @enum {string}
       */
      type: 'message' | 'call' | 'email' | 'meeting' | 'purchase' | 'other';
    };
    InvitationCompanyResponse: {
      id: string;
      /** @example ООО Ромашка */
      name: string;
    };
    InvitationResponse: {
      /** @example 2026-12-01T10:15:00.000Z */
      createdAt: string;
      /**
       * @description The invitation lapses after this moment unless sent again.
       * @example 2026-12-15T10:15:00.000Z
       */
      expiresAt: string;
      /** @description The invitation's id (for revoking it). */
      id: string;
      /**
       * @description Login of the owner or admin who invited, null if their account is gone.
       * @example anna
       */
      invitedBy: string | null;
      /**
       * @description The login invited, as typed.
       * @example ivan.sidorov
       */
      login: string;
      /**
       * @description The role the invitee gets on accepting.
       * @example member
       * @enum {string}
       */
      role: 'owner' | 'admin' | 'member';
      /** @example pending */
      status: string;
      /** @description Always null: the invitee is a member only after accepting (kept for the shape of a member). */
      userId: string | null;
    };
    LoginDto: {
      /** @example anna.petrova */
      login: string;
      /** @example correct-horse-battery */
      password: string;
    };
    MemberResponse: {
      /** @example ivan.sidorov */
      login: string;
      /**
       * @example member
       * @enum {string}
       */
      role: 'owner' | 'admin' | 'member';
      userId: string;
    };
    MeResponse: {
      companies: components['schemas']['CompanyMembershipResponse'][];
      id: string;
      /** @example anna.petrova */
      login: string;
    };
    MoneyAmountResponse: {
      /** @example 125000.00 */
      amount: string;
      /** @example RUB */
      currency: string;
    };
    MoveDealDto: {
      /**
       * @description To a `won` stage: also create the sale the deal became (client, amount, currency; sold now,
       *     `paid`), linked as the deal's `saleId`, in the same transaction. Ignored for a deal already
       *     linked to a sale.
       * @example true
       */
      createSale?: boolean;
      /**
       * @description Required when the stage is a `lost` one (400 without).
       * @example Выбрали конкурента
       */
      lostReason?: string;
      /**
       * Format: uuid
       * @description A stage of the deal's pipeline.
       */
      stageId: string;
    };
    MyInvitationResponse: {
      company: components['schemas']['InvitationCompanyResponse'];
      /** @example 2026-12-01T10:15:00.000Z */
      createdAt: string;
      /** @example 2026-12-15T10:15:00.000Z */
      expiresAt: string;
      id: string;
      /** @example anna */
      invitedBy: string | null;
      /**
       * @example member
       * @enum {string}
       */
      role: 'owner' | 'admin' | 'member';
    };
    NextStepDto: {
      /** @example 2026-12-05T12:00:00+03:00 */
      dueAt: string;
      /** @example Позвонить и обсудить скидку */
      title: string;
    };
    NextStepResponse: {
      /** @example 2026-12-05T09:00:00.000Z */
      dueAt: string;
      /** @example Позвонить и обсудить скидку */
      title: string;
    };
    NoteResponse: {
      /** @description The current user when the note was written; `null` once that user is deleted. */
      author: components['schemas']['AuthorResponse'] | null;
      clientId: string;
      /** @example 2026-11-20T07:20:00.000Z */
      createdAt: string;
      /** @description The deal it belongs to, or `null` when it is the client's own (or its deal was deleted). */
      dealId: string | null;
      /**
       * @description The deal's title, for the link on the client's timeline.
       * @example Поставка 200 свечей
       */
      dealTitle: string | null;
      id: string;
      /** @example Предпочитает связь по почте */
      text: string;
    };
    OwnerFunnelResponse: {
      /**
       * @description Deals of the cohort they own.
       * @example 40
       */
      deals: number;
      /** @example 9 */
      lost: number;
      /**
       * @description Open deals they own now (any entry date) and their value in `currency`.
       * @example 19
       */
      openDeals: number;
      /** @example 2100000.00 */
      openValue: string;
      /**
       * @description Null for deals without an owner.
       * @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e
       */
      ownerId: string | null;
      /**
       * @description Won over won + lost; null when none is closed.
       * @example 0.57
       */
      winRate: number | null;
      /** @example 12 */
      won: number;
      /**
       * @description The won deals' amounts in `currency`.
       * @example 1500000.00
       */
      wonValue: string;
    };
    PipelineMonthValueResponse: {
      /** @example 17 */
      count: number;
      /**
       * @description Expected close month `YYYY-MM`; null for deals without an expected close date.
       * @example 2026-12
       */
      month: string | null;
      /** @example 480000.00 */
      value: string;
      /** @example 240000.00 */
      weightedValue: string;
    };
    PipelineResponse: {
      /** @example 2026-12-01T08:00:00.000Z */
      createdAt: string;
      id: string;
      /** @example Воронка продаж */
      name: string;
      /**
       * @description Order among the company's pipelines, from 0.
       * @example 0
       */
      position: number;
      /** @description Stages in order. */
      stages: components['schemas']['StageResponse'][];
      /** @example 2026-12-01T08:00:00.000Z */
      updatedAt: string;
    };
    PipelineStageValueResponse: {
      /**
       * @description Open deals in the stage.
       * @example 42
       */
      count: number;
      /** @example Переговоры */
      name: string;
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      stageId: string;
      /**
       * @description Their amounts in `currency`.
       * @example 1250000.00
       */
      value: string;
      /**
       * @description Σ amount × probability (the deal's, else the stage's) / 100.
       * @example 750000.00
       */
      weightedValue: string;
    };
    PreviewImportDto: {
      /**
       * Format: currency
       * @description Sales: the currency of rows without a currency column or value.
       * @example RUB
       */
      defaultCurrency?: string;
      /** @description Field → column name; start from the job's `suggestedMapping`. */
      mapping: components['schemas']['ImportMappingDto'];
      /**
       * @description Rows to show, 1–200, default 20.
       * @default 20
       * @example 20
       */
      rows: number;
    };
    ProductRevenueListResponse: {
      /** @example RUB */
      currency: string;
      /** @example 2026-10-22 */
      from: string;
      items: components['schemas']['ProductRevenueResponse'][];
      /** @example 2026-11-20 */
      to: string;
      warnings: components['schemas']['AnalyticsWarningResponse'][];
    };
    ProductRevenueResponse: {
      /**
       * @description The most recent name of the product.
       * @example Подсвечник «Сердце»
       */
      name: string;
      /**
       * @description Units sold.
       * @example 124.5
       */
      quantity: number;
      /**
       * @description Sum of quantity × unitPrice of the counted sales' items, converted.
       * @example 31620.00
       */
      revenue: string;
      /**
       * @description Counted sales that contain the product.
       * @example 37
       */
      salesCount: number;
      /**
       * @description The item's SKU; items without one are grouped by name.
       * @example 85123A
       */
      sku: string | null;
    };
    PutExchangeRatesDto: {
      rates: components['schemas']['ExchangeRateDto'][];
    };
    PutReportScheduleDto: {
      /**
       * @description Required for `monthly`: 1–31.
       * @example 1
       */
      dayOfMonth?: number;
      /**
       * @example weekly
       * @enum {string}
       */
      frequency: 'weekly' | 'monthly';
      /**
       * @description Members who get each run by mail (may be empty).
       * @example [
       *       "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"
       *     ]
       */
      recipients: string[];
      /**
       * @description Local time `HH:MM` (24 h) in the company's time zone.
       * @example 09:00
       */
      time: string;
      /**
       * @description Required for `weekly`: 1 = Monday … 7 = Sunday.
       * @example 1
       */
      weekday?: number;
    };
    RecommendationRuleResponse: {
      /**
       * @description Products the client already bought (one or two) that lead to the recommendation.
       * @example [
       *       "85123A"
       *     ]
       */
      antecedent: string[];
      /**
       * @description The names of those products, in the same order (the latest item name; the key when unnamed).
       * @example [
       *       "Фонарь металлический белый"
       *     ]
       */
      antecedentNames: string[];
      /**
       * @description P(product | antecedent).
       * @example 0.42
       */
      confidence: number;
      /**
       * @description confidence / share of baskets with the product (> 1: bought together more than by chance).
       * @example 3.1
       */
      lift: number;
      /**
       * @description Share (0..1) of all baskets with the antecedent and the product.
       * @example 0.012
       */
      support: number;
    };
    RecommendedProductResponse: {
      /** @example 0.42 */
      confidence: number;
      /** @example 3.1 */
      lift: number;
      /** @example Фонарь металлический белый */
      name: string;
      /**
       * @description The product key: SKU, or the name of items without one.
       * @example 71053
       */
      product: string;
      rule: components['schemas']['RecommendationRuleResponse'];
    };
    RefreshTokenDto: {
      /** @description The refresh token from the last login, register or refresh answer; each one works once. */
      refreshToken: string;
    };
    RegisterDto: {
      /**
       * @description When given, a company is created and the new user becomes its owner.
       * @example ООО Ромашка
       */
      companyName?: string;
      /**
       * @description 3–64 letters, digits and `._-@`; unique regardless of case.
       * @example anna.petrova
       */
      login: string;
      /**
       * @description At least 10 characters.
       * @example correct-horse-battery
       */
      password: string;
    };
    RenameConversationDto: {
      /** @example Выручка 2024 */
      title: string;
    };
    ReportChartPointResponse: {
      /** @description The client a bar stands for (drill-down). */
      clientId?: string;
      /** @description Forecast bands (forecast series only). */
      lower80?: number;
      lower95?: number;
      upper80?: number;
      upper95?: number;
      /**
       * @description Category: a period's first day, a client, product or segment name.
       * @example 2025-01-01
       */
      x: string;
      /** @example 125000 */
      y: number;
    };
    ReportChartResponse: {
      /**
       * @description For `line` charts: the period length of `x`.
       * @example month
       * @enum {string}
       */
      granularity?: 'month' | 'day' | 'week';
      /**
       * @description `trend`, `top-clients`, `top-products`, `segments`, `by-status`.
       * @example trend
       */
      key: string;
      /**
       * @example line
       * @enum {string}
       */
      kind: 'line' | 'bar' | 'pie';
      series: components['schemas']['ReportChartSeriesResponse'][];
      /**
       * @description What `y` measures.
       * @example money
       * @enum {string}
       */
      unit: 'money' | 'count';
    };
    ReportChartSeriesResponse: {
      /**
       * @description `actual`, `forecast`, `revenue`, `clients`, ...
       * @example actual
       */
      key: string;
      points: components['schemas']['ReportChartPointResponse'][];
    };
    ReportColumnResponse: {
      /**
       * @description Stable key, translated by clients (`period`, `revenue`, `salesCount`, `clientId`, `name`, ...).
       * @example revenue
       */
      key: string;
      /**
       * @description `money`: decimal string in the report's currency (or `currency` column's); `date`: `YYYY-MM-DD`; `client`: a client id.
       * @example money
       * @enum {string}
       */
      type: 'number' | 'integer' | 'text' | 'money' | 'ratio' | 'date' | 'client';
    };
    ReportFiltersDto: {
      /**
       * @description Only the sales of clients whose revenue in the period is at most this (report currency) count.
       * @example 50000.00
       */
      amountMax?: string;
      /**
       * @description Only the sales of clients whose revenue in the period is at least this (report currency; clients with paid sales or returns in the period) count; a decimal string (a JSON number is accepted too).
       * @example 1000.00
       */
      amountMin?: string;
      /**
       * @description Only these clients' sales count.
       * @example [
       *       "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"
       *     ]
       */
      clientIds?: string[];
      /**
       * @description Only sales in these currencies (the sale's own) count; default all.
       * @example [
       *       "RUB",
       *       "USD"
       *     ]
       */
      currencies?: string[];
      /**
       * Format: uuid
       * @description The pipeline a `pipeline` report covers; a pipeline of this company.
       * @example 0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10
       */
      pipelineId?: string;
      /**
       * @description Only the sales of clients in this RFM segment (as of the period's last day, or today when earlier) count.
       * @example at_risk
       * @enum {string}
       */
      segment?:
        'champions' | 'loyal' | 'potential_loyalists' | 'new' | 'at_risk' | 'cannot_lose' | 'hibernating' | 'lost';
      /**
       * @description Sale statuses shown in the by-status table (revenue stays paid minus paid returns); default all.
       * @example [
       *       "paid",
       *       "refunded"
       *     ]
       */
      statuses?: ('pending' | 'paid' | 'cancelled' | 'refunded')[];
    };
    ReportFiltersResponse: {
      /** @example 50000.00 */
      amountMax?: string;
      /** @example 1000.00 */
      amountMin?: string;
      clientIds?: string[];
      /**
       * @example [
       *       "RUB"
       *     ]
       */
      currencies?: string[];
      /**
       * @description The pipeline of a `pipeline` report.
       * @example 0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10
       */
      pipelineId?: string;
      /**
       * @example at_risk
       * @enum {string}
       */
      segment?:
        'lost' | 'champions' | 'loyal' | 'potential_loyalists' | 'new' | 'at_risk' | 'cannot_lose' | 'hibernating';
      /**
       * @example [
       *       "paid"
       *     ]
       */
      statuses?: ('pending' | 'paid' | 'cancelled' | 'refunded')[];
    };
    ReportInsightResponse: {
      /** @description The client the recommendation is about, if any. */
      clientId?: string;
      /**
       * @description Stable rule key.
       * @example revenue-up
       */
      code: string;
      /**
       * @description The numbers the sentence rests on.
       * @example {
       *       "revenue": "1234567.89",
       *       "previous": "1100000.00",
       *       "change": 0.1223
       *     }
       */
      figures: {
        [key: string]: unknown;
      };
      /**
       * @description Russian text.
       * @example Выручка выросла на 12,2% к предыдущему периоду: 1 234 567,89 ₽ против 1 100 000,00 ₽.
       */
      text: string;
      /**
       * @description English text.
       * @example Revenue rose 12.2% on the previous period: RUB 1,234,567.89 against RUB 1,100,000.00.
       */
      textEn: string;
      /**
       * @example positive
       * @enum {string}
       */
      tone: 'positive' | 'negative' | 'neutral';
    };
    ReportKpiResponse: {
      /**
       * @description Relative change against `previous` (0.12 = +12%; for ratios the difference); null when undefined.
       * @example 0.1223
       */
      change: number | null;
      /**
       * @description Stable key, translated by clients (`revenue`, `salesCount`, `buyers`, `newClients`, `returningClients`, `averageOrderValue`, `repeatPurchaseRate`, `returnsAmount`, `revenueYearAgo`, `forecastNext`, `clientsAtRisk`, `valueAtRisk`, ...).
       * @example revenue
       */
      key: string;
      /**
       * @example money
       * @enum {string}
       */
      kind: 'number' | 'integer' | 'money' | 'ratio';
      /**
       * @description The same figure for the previous period of equal length; null when not applicable.
       * @example 1100000.00
       */
      previous: (string | null) | (number | null);
      /** @example 1234567.89 */
      value: (string | null) | (number | null);
    };
    ReportListItemResponse: {
      /**
       * @description The caller may delete it and change sharing and schedule (author, owner, admin).
       * @example true
       */
      canManage: boolean;
      /** @example 2026-11-20T10:15:00.000Z */
      createdAt: string;
      createdBy: components['schemas']['ReportUserResponse'];
      id: string;
      params: components['schemas']['ReportParamsResponse'];
      /**
       * @description 0..1 while running.
       * @example 1
       */
      progress: number;
      /**
       * @description True when the schedule is on.
       * @example false
       */
      scheduled: boolean;
      sharedWith: components['schemas']['ReportSharingResponse'];
      /**
       * @description Status of the latest snapshot.
       * @example ready
       * @enum {string}
       */
      status: 'running' | 'failed' | 'ready';
      /** @example Продажи за 2025 год */
      title: string;
      /**
       * @example sales-overview
       * @enum {string}
       */
      type: 'pipeline' | 'sales-trends' | 'sales-recommendations' | 'sales-overview';
      /**
       * @description When the latest snapshot was started.
       * @example 2026-11-20T10:15:00.000Z
       */
      updatedAt: string;
    };
    ReportListResponse: {
      items: components['schemas']['ReportListItemResponse'][];
      /** @example 1 */
      page: number;
      /** @example 50 */
      pageSize: number;
      /** @example 12 */
      total: number;
    };
    ReportParamsResponse: {
      /**
       * @description The currency asked for; null: the company's base currency at generation.
       * @example RUB
       */
      currency: string | null;
      filters: components['schemas']['ReportFiltersResponse'];
      /** @example 2025-01-01 */
      from: string;
      /** @enum {string|null} */
      preset:
        | 'this-month'
        | 'last-month'
        | 'this-quarter'
        | 'last-quarter'
        | 'this-year'
        | 'last-year'
        | 'last-30-days'
        | 'last-90-days'
        | 'last-365-days'
        | null;
      /** @example 2025-12-31 */
      to: string;
      /**
       * @example sales-overview
       * @enum {string}
       */
      type: 'pipeline' | 'sales-trends' | 'sales-recommendations' | 'sales-overview';
    };
    ReportResponse: {
      /**
       * @description The caller may delete it and change sharing and schedule (author, owner, admin).
       * @example true
       */
      canManage: boolean;
      /** @example 2026-11-20T10:15:00.000Z */
      createdAt: string;
      createdBy: components['schemas']['ReportUserResponse'];
      /** @description Why the snapshot failed, or null. */
      error: string | null;
      /**
       * @description When the snapshot was finished; null while running.
       * @example 2026-11-20T10:15:04.000Z
       */
      generatedAt: string | null;
      id: string;
      params: components['schemas']['ReportParamsResponse'];
      /**
       * @description 0..1 while running.
       * @example 1
       */
      progress: number;
      /** @description Null until `ready`. */
      result: components['schemas']['ReportResultResponse'] | null;
      schedule: components['schemas']['ReportScheduleResponse'] | null;
      /**
       * @description True when the schedule is on.
       * @example false
       */
      scheduled: boolean;
      sharedWith: components['schemas']['ReportSharingResponse'];
      /** @description The snapshot shown. */
      snapshotId: string;
      /**
       * @description What the job is doing while running (`queued`, `summary`, `timeseries`, `forecast`, `customers`, `insights`, `saving`).
       * @example forecast
       */
      stage: string | null;
      /**
       * @description Status of the latest snapshot.
       * @example ready
       * @enum {string}
       */
      status: 'running' | 'failed' | 'ready';
      /** @example Продажи за 2025 год */
      title: string;
      /**
       * @example sales-overview
       * @enum {string}
       */
      type: 'pipeline' | 'sales-trends' | 'sales-recommendations' | 'sales-overview';
      /**
       * @description When the latest snapshot was started.
       * @example 2026-11-20T10:15:00.000Z
       */
      updatedAt: string;
    };
    ReportResultResponse: {
      charts: components['schemas']['ReportChartResponse'][];
      insights: components['schemas']['ReportInsightResponse'][];
      /**
       * @description Who wrote the insights (`rules`; a language model later).
       * @example rules
       */
      narrator: string;
      summary: components['schemas']['ReportSummaryResponse'];
      tables: components['schemas']['ReportTableResponse'][];
    };
    ReportRunResponse: {
      /** @example 2026-12-07T06:00:00.000Z */
      createdAt: string;
      /**
       * @description `sent` (PDF mailed to the recipients), `in-app` (no mail set up), `no-data`, `failed`, or null while running.
       * @example in-app
       * @enum {string|null}
       */
      delivery: 'failed' | 'sent' | 'in-app' | 'no-data' | null;
      error: string | null;
      /** @example 2026-11-30 */
      from: string;
      generatedAt: string | null;
      /** @description The snapshot's id (`GET /:id?snapshot=` and `/:id/export?snapshot=` show it). */
      id: string;
      /**
       * @description Addresses (logins) mailed.
       * @example [
       *       "anna@example.ru"
       *     ]
       */
      mailedTo: string[];
      /**
       * @description The period had no counted sales: nothing was mailed.
       * @example false
       */
      noData: boolean;
      /** @example 2026-12-07T06:00:00.000Z */
      scheduledFor: string;
      /**
       * @example ready
       * @enum {string}
       */
      status: 'running' | 'failed' | 'ready';
      /** @example 2026-12-06 */
      to: string;
    };
    ReportRunsResponse: {
      items: components['schemas']['ReportRunResponse'][];
    };
    ReportScheduleResponse: {
      dayOfMonth: number | null;
      /**
       * @example weekly
       * @enum {string}
       */
      frequency: 'weekly' | 'monthly';
      lastRunAt: string | null;
      /** @example 2026-12-07T06:00:00.000Z */
      nextRunAt: string;
      recipients: components['schemas']['ReportUserResponse'][];
      /** @example 09:00 */
      time: string;
      /**
       * @description The company's time zone the time is in.
       * @example Europe/Moscow
       */
      timeZone: string;
      /**
       * @description 1 = Monday … 7 = Sunday (weekly).
       * @example 1
       */
      weekday: number | null;
    };
    ReportSelectionResponse: {
      /** @description The selected clients' ids, sorted, when there are at most 300 (what the analytics' `clientIds` takes); else null. */
      clientIds: string[] | null;
      /**
       * @description Clients selected (ids ∩ segment ∩ amount range); null when the filters name no clients (every client).
       * @example 3
       */
      clients: number | null;
      /**
       * @description Currencies of the sales counted (the sale's own); null: every currency.
       * @example [
       *       "USD"
       *     ]
       */
      currencies: string[] | null;
      /**
       * @description Statuses shown in the by-status table; null: every status.
       * @example [
       *       "paid",
       *       "refunded"
       *     ]
       */
      statuses: ('pending' | 'paid' | 'cancelled' | 'refunded')[] | null;
    };
    ReportSharingResponse: {
      /**
       * @description Shared with every member of the company.
       * @example false
       */
      company: boolean;
      users: components['schemas']['ReportUserResponse'][];
    };
    ReportSummaryResponse: {
      /**
       * @description The day the customer models and forecast see the data from (the period's last day, or today when earlier).
       * @example 2025-12-31
       */
      asOf: string;
      /** @example RUB */
      currency: string;
      /** @example 2025-01-01 */
      from: string;
      kpis: components['schemas']['ReportKpiResponse'][];
      /**
       * @description True when the period has no counted sales (of those the filters select): the report says so rather than showing empty tables.
       * @example false
       */
      noData: boolean;
      /** @description The sales the figures count, when the report's filters narrow them (sales reports only). */
      selection?: components['schemas']['ReportSelectionResponse'];
      /**
       * @description What the report covers besides the period, when its type names one: a `pipeline` report's pipeline name.
       * @example Основная воронка
       */
      subject?: string;
      /** @example 2025-12-31 */
      to: string;
      /** @description Sales left out because they could not be converted (from the analytics answers). */
      warnings: components['schemas']['AnalyticsWarningResponse'][];
    };
    ReportTableResponse: {
      columns: components['schemas']['ReportColumnResponse'][];
      /**
       * @description Stable key (`timeseries`, `forecast`, `comparison`, `best-worst`, `seasonality`, `by-status`, `by-currency`, `top-clients`, `top-products`, `buyers`, `segments`, `clients-at-risk`, `offers`, `segments-to-work`, `dropped-clients`).
       * @example top-clients
       */
      key: string;
      /**
       * @description At most `REPORT_TABLE_PREVIEW_ROWS` rows; exports carry all.
       * @example [
       *       [
       *         "2025-01-01",
       *         "125000.00",
       *         42
       *       ]
       *     ]
       */
      rows: ((string | null) | (number | null))[][];
      /**
       * @description Rows in the table.
       * @example 12
       */
      totalRows: number;
    };
    ReportUserResponse: {
      /** @example 0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10 */
      id: string;
      /** @example anna.petrova */
      login: string;
    };
    RevealedApiKeyResponse: {
      /** @example crm_live_3fA9c1Zb0nq8VwKjT2pXyR7sLmE4hGdU */
      key: string;
    };
    RevenueForecastResponse: {
      /** @example 2026-11-20 */
      asOf: string;
      backtest: components['schemas']['ForecastBacktestResponse'];
      /** @example RUB */
      currency: string;
      /**
       * @description Complete periods after `lastRevenuePeriod` (up to the one containing `asOf`) without revenue.
       * @example 0
       */
      emptyRecentPeriods: number;
      /**
       * @example month
       * @enum {string}
       */
      granularity: 'month' | 'week';
      /** @description The complete periods the model was fitted on, from the first with a sale. */
      history: components['schemas']['HistoryPointResponse'][];
      /**
       * @description The last history period with revenue; null without any.
       * @example 2026-10-01
       */
      lastRevenuePeriod: string | null;
      /**
       * @description The model chosen by the back-test.
       * @example Combination(ETS(M,Ad,M), Theta)
       */
      model: string;
      /** @description Why the forecast is degraded (short history, no seasonality, …), in plain words. */
      notes: string[];
      points: components['schemas']['ForecastPointResponse'][];
      /**
       * @description True when the recent history is empty (no revenue in the last 3 months or 13 weeks before the
       *     period of `asOf`): the forecast then only carries that silence forward.
       * @example false
       */
      recentHistoryEmpty: boolean;
      warnings: components['schemas']['AnalyticsWarningResponse'][];
    };
    RfmSegmentResponse: {
      /**
       * @description Clients in the segment.
       * @example 412
       */
      clients: number;
      /**
       * @description Share (0..1) of the clients with purchases.
       * @example 0.2
       */
      clientShare: number;
      /**
       * @description Mean number of purchases.
       * @example 7.2
       */
      meanFrequency: number;
      /**
       * @description Mean days since their last purchase.
       * @example 9.5
       */
      meanRecencyDays: number;
      /**
       * @description Their revenue up to `asOf`, converted.
       * @example 5120000.00
       */
      revenue: string;
      /**
       * @example champions
       * @enum {string}
       */
      segment:
        'lost' | 'champions' | 'loyal' | 'potential_loyalists' | 'new' | 'at_risk' | 'cannot_lose' | 'hibernating';
    };
    RfmSegmentsResponse: {
      /** @example 2026-11-20 */
      asOf: string;
      /** @example RUB */
      currency: string;
      items: components['schemas']['RfmSegmentResponse'][];
      /** @example 8123 */
      totalClients: number;
    };
    RunImportDto: {
      /**
       * Format: currency
       * @description Sales: the currency of rows without a currency column or value.
       * @example RUB
       */
      defaultCurrency?: string;
      /** @description Field → column name; start from the job's `suggestedMapping`. */
      mapping: components['schemas']['ImportMappingDto'];
    };
    SaleBatchDto: {
      /** @description Validated per item by the service (partial success), from the items as sent. */
      items: components['schemas']['SaleBatchItemDto'][];
    };
    SaleBatchItemDto: {
      /**
       * @description A decimal string (a JSON number is accepted too) with at most the currency's minor digits.
       * @example 1234.50
       */
      amount: string;
      /**
       * @description The buyer's `externalId`; the client must exist in this company.
       * @example C-10042
       */
      clientExternalId: string;
      /**
       * Format: currency
       * @description ISO 4217.
       * @example RUB
       */
      currency: string;
      /**
       * @description 1–128 characters; the key of the upsert.
       * @example INV-536365
       */
      externalId: string;
      /** @description When given, replaces the stored items; omitted keeps them. */
      items?: components['schemas']['SaleItemDto'][];
      /**
       * @description `sale` (default) or `return`.
       * @example sale
       * @enum {string}
       */
      kind?: 'sale' | 'return';
      /**
       * @description For a return: the `externalId` of the original sale (same client and currency; it may come
       *     earlier in the same batch). Amount, quantities and unit prices are positive, at most what the
       *     original still has unreturned.
       * @example INV-536365
       */
      returnOf?: string | null;
      /** @example 2026-11-20T10:15:00+03:00 */
      soldAt: string;
      /**
       * @example paid
       * @enum {string}
       */
      status?: 'pending' | 'paid' | 'cancelled' | 'refunded';
    };
    SaleDetailResponse: {
      /**
       * @description With exactly the currency's minor digits.
       * @example 1234.50
       */
      amount: string;
      client: components['schemas']['ClientSummaryResponse'];
      clientId: string;
      /** @example 2026-11-20T07:16:00.000Z */
      createdAt: string;
      /** @example RUB */
      currency: string;
      /** @example INV-536365 */
      externalId: string | null;
      id: string;
      items: components['schemas']['SaleItemResponse'][];
      /**
       * @description `sale` or `return`.
       * @example sale
       * @enum {string}
       */
      kind: 'sale' | 'return';
      /** @description The original sale of a return (null for a sale). */
      original: components['schemas']['SaleResponse'] | null;
      /** @description For a return, the original sale's `id` (web API) or `externalId` (integration API); otherwise null. */
      returnOf: string | null;
      /** @description The returns of this sale, oldest first (empty for a return). */
      returns: components['schemas']['SaleResponse'][];
      /** @example 2026-11-20T07:15:00.000Z */
      soldAt: string;
      /**
       * @example paid
       * @enum {string}
       */
      status: 'pending' | 'paid' | 'cancelled' | 'refunded';
      /** @example 2026-11-20T07:16:00.000Z */
      updatedAt: string;
      /** @description Remarks on what was stored as sent (POST and PATCH only), e.g. an amount that differs from the items' total. */
      warnings?: string[];
    };
    SaleFeedResponse: {
      items: components['schemas']['IntegrationSaleResponse'][];
      /** @description Pass as `cursor` for the next page; null on the last page. */
      nextCursor: string | null;
    };
    SaleItemDto: {
      /** @example Подсвечник «Сердце» */
      name: string;
      /**
       * @description Greater than zero, up to 3 fractional digits (a decimal string is accepted too).
       * @example 6
       */
      quantity: number;
      /** @example 85123A */
      sku?: string | null;
      /**
       * @description A decimal string (a JSON number is accepted too), up to 4 fractional digits whatever the currency.
       * @example 255.00
       */
      unitPrice: string;
    };
    SaleItemResponse: {
      /** @example Подсвечник «Сердце» */
      name: string;
      /** @example 6 */
      quantity: number;
      /** @example 85123A */
      sku: string | null;
      /**
       * @description The currency's minor digits, more (up to 4) when the price has them.
       * @example 255.00
       */
      unitPrice: string;
    };
    SaleListItemResponse: {
      /**
       * @description With exactly the currency's minor digits.
       * @example 1234.50
       */
      amount: string;
      client: components['schemas']['ClientSummaryResponse'];
      clientId: string;
      /** @example 2026-11-20T07:16:00.000Z */
      createdAt: string;
      /** @example RUB */
      currency: string;
      /** @example INV-536365 */
      externalId: string | null;
      id: string;
      items: components['schemas']['SaleItemResponse'][];
      /**
       * @description `sale` or `return`.
       * @example sale
       * @enum {string}
       */
      kind: 'sale' | 'return';
      /** @description For a return, the original sale's `id` (web API) or `externalId` (integration API); otherwise null. */
      returnOf: string | null;
      /** @example 2026-11-20T07:15:00.000Z */
      soldAt: string;
      /**
       * @example paid
       * @enum {string}
       */
      status: 'pending' | 'paid' | 'cancelled' | 'refunded';
      /** @example 2026-11-20T07:16:00.000Z */
      updatedAt: string;
    };
    SalePageResponse: {
      items: components['schemas']['SaleListItemResponse'][];
      /** @example 1 */
      page: number;
      /** @example 50 */
      pageSize: number;
      /** @example 1234 */
      total: number;
    };
    SaleResponse: {
      /**
       * @description With exactly the currency's minor digits.
       * @example 1234.50
       */
      amount: string;
      clientId: string;
      /** @example 2026-11-20T07:16:00.000Z */
      createdAt: string;
      /** @example RUB */
      currency: string;
      /** @example INV-536365 */
      externalId: string | null;
      id: string;
      items: components['schemas']['SaleItemResponse'][];
      /**
       * @description `sale` or `return`.
       * @example sale
       * @enum {string}
       */
      kind: 'sale' | 'return';
      /** @description For a return, the original sale's `id` (web API) or `externalId` (integration API); otherwise null. */
      returnOf: string | null;
      /** @example 2026-11-20T07:15:00.000Z */
      soldAt: string;
      /**
       * @example paid
       * @enum {string}
       */
      status: 'pending' | 'paid' | 'cancelled' | 'refunded';
      /** @example 2026-11-20T07:16:00.000Z */
      updatedAt: string;
    };
    SalesByStatusResponse: {
      /** @example RUB */
      currency: string;
      /** @example 2026-10-22 */
      from: string;
      items: components['schemas']['SalesStatusTotalResponse'][];
      /** @example 2026-11-20 */
      to: string;
      /** @description Sales of any status that could not be converted. */
      warnings: components['schemas']['AnalyticsWarningResponse'][];
    };
    SalesStatusTotalResponse: {
      /**
       * @description Sum of these sales converted to `currency` (only `paid` is revenue).
       * @example 20450.00
       */
      amount: string;
      /** @example 14 */
      salesCount: number;
      /**
       * @description Share (0..1) of all converted sales of the period.
       * @example 0.05
       */
      share: number | null;
      /**
       * @example refunded
       * @enum {string}
       */
      status: 'pending' | 'paid' | 'cancelled' | 'refunded';
    };
    ShareReportDto: {
      /** @example true */
      company?: boolean;
      /**
       * @description Members of the company (not the author).
       * @example [
       *       "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"
       *     ]
       */
      userIds?: string[];
    };
    StageInputDto: {
      /**
       * @description `open` (default), or terminal: `won`, `lost`.
       * @example open
       * @enum {string}
       */
      kind?: 'open' | 'won' | 'lost';
      /** @example Квалификация */
      name: string;
      /**
       * @description Default win probability of a deal in this stage, 0–100 %.
       * @example 20
       */
      probability: number;
    };
    StageResponse: {
      /**
       * @description Deals in this stage now.
       * @example 12
       */
      dealCount: number;
      id: string;
      /**
       * @example open
       * @enum {string}
       */
      kind: 'open' | 'won' | 'lost';
      /** @example Квалификация */
      name: string;
      pipelineId: string;
      /**
       * @description Order in the pipeline, from 0.
       * @example 1
       */
      position: number;
      /**
       * @description Default win probability, 0–100 %.
       * @example 20
       */
      probability: number;
      /** @description Their amounts, per currency. */
      totals: components['schemas']['MoneyAmountResponse'][];
    };
    StuckDealResponse: {
      /** @example 250000.00 */
      amount: string;
      /** @example RUB */
      currency: string;
      /**
       * @description Days in the stage so far.
       * @example 37.2
       */
      daysInStage: number;
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      dealId: string;
      /**
       * @description Since when the deal is in its stage.
       * @example 2026-10-02T09:00:00.000Z
       */
      inStageSince: string;
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      ownerId: string | null;
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      stageId: string;
      /**
       * @description The stage's median stay in days.
       * @example 9
       */
      stageMedianDays: number;
      /** @example Поставка оборудования */
      title: string;
    };
    StuckDealsResponse: {
      items: components['schemas']['StuckDealResponse'][];
      /** @example 0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e */
      pipelineId: string;
      /**
       * @description How many open deals are stuck in all.
       * @example 14
       */
      total: number;
    };
    TaskPageResponse: {
      items: components['schemas']['TaskResponse'][];
      /** @example 1 */
      page: number;
      /** @example 50 */
      pageSize: number;
      /** @example 12 */
      total: number;
    };
    TaskResponse: {
      /** @description null when that user was removed. */
      assigneeId: string | null;
      /**
       * @description The assignee's login.
       * @example anna.petrova
       */
      assigneeName: string | null;
      clientId: string | null;
      /** @example Иван Петров */
      clientName: string | null;
      /** @example 2026-12-01T08:00:00.000Z */
      createdAt: string;
      createdBy: string | null;
      dealId: string | null;
      /** @example Поставка 200 свечей */
      dealTitle: string | null;
      /** @example false */
      done: boolean;
      doneAt: string | null;
      /** @example 2026-12-03T12:00:00.000Z */
      dueAt: string;
      id: string;
      /**
       * @description Undone and due before now.
       * @example false
       */
      overdue: boolean;
      /** @example Отправить коммерческое предложение */
      title: string;
      /**
       * @example email
       * @enum {string}
       */
      type: 'call' | 'email' | 'meeting' | 'todo';
      /** @example 2026-12-01T08:00:00.000Z */
      updatedAt: string;
    };
    TopClientResponse: {
      clientId: string;
      /** @example ivan.petrov@example.ru */
      email: string | null;
      /**
       * @description The client's id in the integrator's system (null for a client created without one)
       * @example C-10042
       */
      externalId: string | null;
      /** @example Иван Петров */
      name: string | null;
      /** @example 45210.00 */
      revenue: string;
      /** @example 12 */
      salesCount: number;
    };
    TopClientsResponse: {
      /** @example RUB */
      currency: string;
      /** @example 2026-10-22 */
      from: string;
      items: components['schemas']['TopClientResponse'][];
      /** @example 2026-11-20 */
      to: string;
      warnings: components['schemas']['AnalyticsWarningResponse'][];
    };
    UnconvertedSaleResponse: {
      /**
       * @description In the sale's own currency.
       * @example 120.00
       */
      amount: string;
      /** @example INV-536365 */
      externalId: string | null;
      id: string;
      /** @example 2026-11-20T10:15:00.000Z */
      soldAt: string;
    };
    UpdateClientDto: {
      /**
       * @description Free text up to 200 characters: what the client does or buys.
       * @example Розничная торговля
       */
      activity?: string | null;
      /**
       * @description Anything else the integration knows: a JSON object up to 16 KB.
       * @example {
       *       "city": "Казань",
       *       "segment": "B2C"
       *     }
       */
      attributes?: {
        [key: string]: unknown;
      } | null;
      /** @example ivan.petrov@example.ru */
      email?: string | null;
      /**
       * @description The client's id in the integrating system; unique in the company (409 when taken).
       * @example C-10042
       */
      externalId?: string | null;
      /** @example Иван Петров */
      name?: string | null;
      /**
       * @description Free text as the source has it.
       * @example +7 900 123-45-67
       */
      phone?: string | null;
    };
    UpdateCompanyDto: {
      /**
       * @description ISO 4217 code.
       * @example RUB
       */
      baseCurrency?: string;
      /** @example ООО Ромашка */
      name?: string;
      /**
       * @description IANA time zone name.
       * @example Europe/Moscow
       */
      timeZone?: string;
    };
    UpdateDealDto: {
      /**
       * @description Checked against the currency the deal ends up with.
       * @example 180000.00
       */
      amount?: string;
      /** Format: uuid */
      clientId?: string;
      /**
       * Format: currency
       * @example RUB
       */
      currency?: string;
      /** @example 2026-12-31 */
      expectedCloseDate?: string | null;
      /**
       * @description The deal's id in an integrating system; unique in the company (409 when taken).
       * @example ORD-1001
       */
      externalId?: string | null;
      /**
       * @description Only for a lost deal: why it was lost.
       * @example Выбрали конкурента
       */
      lostReason?: string;
      nextStep?: components['schemas']['NextStepDto'] | null;
      /**
       * Format: uuid
       * @description A member of the company; on create the default is the caller.
       */
      ownerId?: string;
      /**
       * @description Win probability 0–100 %; `null` (or omitted on create): the stage's default, which follows the deal from stage to stage.
       * @example 30
       */
      probability?: number | null;
      /**
       * @description Where the deal came from.
       * @example Сайт
       */
      source?: string | null;
      /** @example Поставка 250 свечей */
      title?: string;
    };
    UpdateMemberDto: {
      /**
       * @example admin
       * @enum {string}
       */
      role: 'owner' | 'admin' | 'member';
    };
    UpdatePipelineDto: {
      /** @example Розница */
      name?: string;
      /**
       * @description Order among the company's pipelines, from 0; the others shift.
       * @example 0
       */
      position?: number;
    };
    UpdateSaleDto: {
      /** @example 1234.50 */
      amount?: string;
      /** Format: uuid */
      clientId?: string;
      /**
       * Format: currency
       * @example RUB
       */
      currency?: string;
      /** @example INV-536365 */
      externalId?: string | null;
      items?: components['schemas']['SaleItemDto'][];
      /** @example 2026-11-20T10:15:00+03:00 */
      soldAt?: string;
      /**
       * @example refunded
       * @enum {string}
       */
      status?: 'pending' | 'paid' | 'cancelled' | 'refunded';
    };
    UpdateStageDto: {
      /** @example Выставлен счёт */
      name?: string;
      /**
       * @description New place in the pipeline, from 0; the stages in between shift.
       * @example 1
       */
      position?: number;
      /** @example 60 */
      probability?: number;
    };
    UpdateTaskDto: {
      /** Format: uuid */
      assigneeId?: string;
      /** Format: uuid */
      clientId?: string | null;
      /** Format: uuid */
      dealId?: string | null;
      /**
       * @description Done (records when) or undone again.
       * @example true
       */
      done?: boolean;
      /** @example 2026-12-04T10:00:00+03:00 */
      dueAt?: string;
      /** @example Отправить счёт */
      title?: string;
      /**
       * @example todo
       * @enum {string}
       */
      type?: 'call' | 'meeting' | 'email' | 'todo';
    };
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  Auth_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "login": "anna.petrova",
         *       "password": "correct-horse-battery"
         *     }
         */
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2YzFmMGQwZS04YTBlLTRjNTktOWE4My01YTNmMGIyZjRhMTEifQ.c2lnbmF0dXJl",
           *       "refreshToken": "rt_8Jk2mQ9vX4pL7sN1cF6hT3wZ0yB5dR2e",
           *       "user": {
           *         "id": "6c1f0d0e-8a0e-4c59-9a83-5a3f0b2f4a11",
           *         "login": "anna.petrova"
           *       }
           *     }
           */
          'application/json': components['schemas']['AuthResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Auth_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "refreshToken": "rt_8Jk2mQ9vX4pL7sN1cF6hT3wZ0yB5dR2e"
         *     }
         */
        'application/json': components['schemas']['RefreshTokenDto'];
      };
    };
    responses: {
      /** @description Logged out */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Auth_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "refreshToken": "rt_8Jk2mQ9vX4pL7sN1cF6hT3wZ0yB5dR2e"
         *     }
         */
        'application/json': components['schemas']['RefreshTokenDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2YzFmMGQwZS04YTBlLTRjNTktOWE4My01YTNmMGIyZjRhMTEifQ.c2lnbmF0dXJl",
           *       "refreshToken": "rt_8Jk2mQ9vX4pL7sN1cF6hT3wZ0yB5dR2e",
           *       "user": {
           *         "id": "6c1f0d0e-8a0e-4c59-9a83-5a3f0b2f4a11",
           *         "login": "anna.petrova"
           *       }
           *     }
           */
          'application/json': components['schemas']['AuthResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Auth_register: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "login": "anna.petrova",
         *       "password": "correct-horse-battery",
         *       "companyName": "ООО Ромашка"
         *     }
         */
        'application/json': components['schemas']['RegisterDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "accessToken": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI2YzFmMGQwZS04YTBlLTRjNTktOWE4My01YTNmMGIyZjRhMTEifQ.c2lnbmF0dXJl",
           *       "refreshToken": "rt_8Jk2mQ9vX4pL7sN1cF6hT3wZ0yB5dR2e",
           *       "user": {
           *         "id": "6c1f0d0e-8a0e-4c59-9a83-5a3f0b2f4a11",
           *         "login": "anna.petrova"
           *       },
           *       "company": {
           *         "id": "0b8f2f5e-5c7e-4f3e-9a3e-2b1d9b8f7c6a",
           *         "name": "ООО Ромашка"
           *       }
           *     }
           */
          'application/json': components['schemas']['AuthResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Companies_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "name": "ООО Ромашка",
           *         "role": "owner"
           *       }
           *     ]
           */
          'application/json': components['schemas']['CompanyMembershipResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Companies_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "ООО Ромашка"
         *     }
         */
        'application/json': components['schemas']['CreateCompanyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "ООО Ромашка"
           *     }
           */
          'application/json': components['schemas']['CreatedCompanyResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Companies_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "ООО Ромашка",
           *       "baseCurrency": "RUB",
           *       "timeZone": "Europe/Moscow"
           *     }
           */
          'application/json': components['schemas']['CompanyResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Companies_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "ООО Ромашка",
         *       "baseCurrency": "RUB",
         *       "timeZone": "Europe/Moscow"
         *     }
         */
        'application/json': components['schemas']['UpdateCompanyDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "ООО Ромашка",
           *       "baseCurrency": "RUB",
           *       "timeZone": "Europe/Moscow"
           *     }
           */
          'application/json': components['schemas']['CompanyResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Analytics_byStatus: {
    parameters: {
      query?: {
        /**
         * @description Only the sales of these clients (at most 300, clients of this company), repeated
         *     (`clientIds=a&clientIds=b`) or comma separated.
         */
        clientIds?: string[];
        /**
         * @description Only the sales in these currencies (the sale's own currency; the figures are still converted
         *     to `currency`), repeated or comma separated.
         */
        currencies?: string[];
        /** @description ISO 4217 code to convert to; default the company's base currency. */
        currency?: string;
        /** @description First day, inclusive (company time zone). */
        from?: string;
        /** @description Last day, inclusive (company time zone); not before `from`. */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "currency": "RUB",
           *       "from": "2026-10-22",
           *       "to": "2026-11-20",
           *       "items": [
           *         {
           *           "status": "refunded",
           *           "salesCount": 14,
           *           "amount": "20450.00",
           *           "share": 0.05
           *         }
           *       ],
           *       "warnings": [
           *         {
           *           "code": "unconverted-sales",
           *           "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *           "currency": "USD",
           *           "salesCount": 3,
           *           "amount": "360.00",
           *           "firstDay": "2026-01-02",
           *           "lastDay": "2026-01-05",
           *           "sales": [
           *             {
           *               "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *               "externalId": "INV-536365",
           *               "soldAt": "2026-11-20T10:15:00.000Z",
           *               "amount": "120.00"
           *             }
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['SalesByStatusResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CustomerOutlook_outlook: {
    parameters: {
      query?: {
        /** @description Purchases up to and including this day count; default today (company time zone). */
        asOf?: string;
        /** @description ISO 4217 code of the money figures; default the company's base currency. */
        currency?: string;
      };
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "asOf": "2026-11-20",
           *       "currency": "RUB",
           *       "pAlive": 0.87,
           *       "expectedPurchases90d": 1.6,
           *       "expectedValue90d": "4520.00",
           *       "segment": "loyal",
           *       "rfm": "545",
           *       "purchases": 6,
           *       "firstPurchase": "2025-03-02",
           *       "lastPurchase": "2026-10-30",
           *       "recommendedProducts": [
           *         {
           *           "product": "71053",
           *           "name": "Фонарь металлический белый",
           *           "confidence": 0.42,
           *           "lift": 3.1,
           *           "rule": {
           *             "antecedent": [
           *               "85123A"
           *             ],
           *             "antecedentNames": [
           *               "Фонарь металлический белый"
           *             ],
           *             "support": 0.012,
           *             "confidence": 0.42,
           *             "lift": 3.1
           *           }
           *         }
           *       ],
           *       "model": {
           *         "status": "fitted",
           *         "fittedAt": "2026-11-20T03:00:00.000Z",
           *         "customers": 8123,
           *         "params": {
           *           "r": 0.24,
           *           "alpha": 30.8,
           *           "a": 0.79,
           *           "b": 2.43
           *         }
           *       },
           *       "notes": [
           *         "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *       ]
           *     }
           */
          'application/json': components['schemas']['ClientOutlookResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Analytics_forecast: {
    parameters: {
      query?: {
        /** @description The history is every complete period before the one containing this day; default today (company time zone). */
        asOf?: string;
        /** @description The history counts only the sales of these clients (as the other indicators' `clientIds`). */
        clientIds?: string[];
        /** @description The history counts only the sales in these currencies (the sale's own). */
        currencies?: string[];
        /** @description ISO 4217 code; default the company's base currency. */
        currency?: string;
        /** @description Default `month`; weeks start on Monday. */
        granularity?: 'month' | 'week';
        /** @description Periods to forecast, starting with the one containing `asOf`: 1–36 months or 1–104 weeks; default 12 months or 13 weeks. */
        horizon?: number;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "model": "Combination(ETS(M,Ad,M), Theta)",
           *       "points": [
           *         {
           *           "period": "2026-11-01",
           *           "revenue": "1250000.00",
           *           "lower80": "1100000.00",
           *           "upper80": "1400000.00",
           *           "lower95": "1020000.00",
           *           "upper95": "1480000.00"
           *         }
           *       ],
           *       "backtest": {
           *         "mase": 0.84,
           *         "smape": 12.7,
           *         "horizon": 12,
           *         "benchmark": {
           *           "model": "SeasonalNaive",
           *           "mase": 1.12,
           *           "smape": 15.3
           *         },
           *         "fallback": false
           *       },
           *       "currency": "RUB",
           *       "granularity": "month",
           *       "asOf": "2026-11-20",
           *       "history": [
           *         {
           *           "period": "2026-10-01",
           *           "revenue": "1198000.00"
           *         }
           *       ],
           *       "lastRevenuePeriod": "2026-10-01",
           *       "emptyRecentPeriods": 0,
           *       "recentHistoryEmpty": false,
           *       "notes": [
           *         "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *       ],
           *       "warnings": [
           *         {
           *           "code": "unconverted-sales",
           *           "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *           "currency": "USD",
           *           "salesCount": 3,
           *           "amount": "360.00",
           *           "firstDay": "2026-01-02",
           *           "lastDay": "2026-01-05",
           *           "sales": [
           *             {
           *               "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *               "externalId": "INV-536365",
           *               "soldAt": "2026-11-20T10:15:00.000Z",
           *               "amount": "120.00"
           *             }
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['RevenueForecastResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealsAnalytics_funnel: {
    parameters: {
      query?: {
        /** @description ISO 4217 code the money figures are converted to; default the company's base currency. */
        currency?: string;
        /** @description First day, inclusive (company time zone). */
        from?: string;
        /** @description Default: the company's default pipeline. */
        pipelineId?: string;
        /** @description Last day, inclusive (company time zone); not before `from`. */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "pipelineId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *       "from": "2026-10-01",
           *       "to": "2026-12-31",
           *       "currency": "RUB",
           *       "cohort": 200,
           *       "stages": [
           *         {
           *           "stageId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *           "name": "Предложение",
           *           "kind": "open",
           *           "entered": 120,
           *           "reached": 140,
           *           "conversion": 0.62,
           *           "medianDays": 4.5
           *         }
           *       ],
           *       "winRate": 0.31,
           *       "averageDealSize": "125000.00",
           *       "medianCycleDays": 21.5,
           *       "unconvertedDeals": 0
           *     }
           */
          'application/json': components['schemas']['DealFunnelResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealsAnalytics_owners: {
    parameters: {
      query?: {
        /** @description ISO 4217 code the money figures are converted to; default the company's base currency. */
        currency?: string;
        /** @description First day, inclusive (company time zone). */
        from?: string;
        /** @description Default: the company's default pipeline. */
        pipelineId?: string;
        /** @description Last day, inclusive (company time zone); not before `from`. */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "pipelineId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *       "from": "2026-10-01",
           *       "to": "2026-12-31",
           *       "currency": "RUB",
           *       "items": [
           *         {
           *           "ownerId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *           "deals": 40,
           *           "won": 12,
           *           "lost": 9,
           *           "winRate": 0.57,
           *           "wonValue": "1500000.00",
           *           "openDeals": 19,
           *           "openValue": "2100000.00"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['DealOwnersResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealsAnalytics_pipeline: {
    parameters: {
      query?: {
        /** @description ISO 4217 code the values are converted to (today's rates); default the company's base currency. */
        currency?: string;
        /** @description Default: the company's default pipeline. */
        pipelineId?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "pipelineId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *       "currency": "RUB",
           *       "byStage": [
           *         {
           *           "stageId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *           "name": "Переговоры",
           *           "count": 42,
           *           "value": "1250000.00",
           *           "weightedValue": "750000.00"
           *         }
           *       ],
           *       "byCloseMonth": [
           *         {
           *           "month": "2026-12",
           *           "count": 17,
           *           "value": "480000.00",
           *           "weightedValue": "240000.00"
           *         }
           *       ],
           *       "totalValue": "1730000.00",
           *       "totalWeightedValue": "990000.00",
           *       "unconvertedDeals": 0
           *     }
           */
          'application/json': components['schemas']['DealPipelineValueResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Analytics_products: {
    parameters: {
      query?: {
        /**
         * @description Only the sales of these clients (at most 300, clients of this company), repeated
         *     (`clientIds=a&clientIds=b`) or comma separated.
         */
        clientIds?: string[];
        /**
         * @description Only the sales in these currencies (the sale's own currency; the figures are still converted
         *     to `currency`), repeated or comma separated.
         */
        currencies?: string[];
        /** @description ISO 4217 code to convert to; default the company's base currency. */
        currency?: string;
        /** @description First day, inclusive (company time zone). */
        from?: string;
        /** @description Products to return, 1–500, default 20. */
        limit?: number;
        /** @description Last day, inclusive (company time zone); not before `from`. */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "currency": "RUB",
           *       "from": "2026-10-22",
           *       "to": "2026-11-20",
           *       "items": [
           *         {
           *           "sku": "85123A",
           *           "name": "Подсвечник «Сердце»",
           *           "quantity": 124.5,
           *           "revenue": "31620.00",
           *           "salesCount": 37
           *         }
           *       ],
           *       "warnings": [
           *         {
           *           "code": "unconverted-sales",
           *           "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *           "currency": "USD",
           *           "salesCount": 3,
           *           "amount": "360.00",
           *           "firstDay": "2026-01-02",
           *           "lastDay": "2026-01-05",
           *           "sales": [
           *             {
           *               "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *               "externalId": "INV-536365",
           *               "soldAt": "2026-11-20T10:15:00.000Z",
           *               "amount": "120.00"
           *             }
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ProductRevenueListResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CustomerOutlook_segments: {
    parameters: {
      query?: {
        /** @description Purchases up to and including this day count; default today (company time zone). */
        asOf?: string;
        /** @description ISO 4217 code of the money figures; default the company's base currency. */
        currency?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "asOf": "2026-11-20",
           *       "currency": "RUB",
           *       "totalClients": 8123,
           *       "items": [
           *         {
           *           "segment": "champions",
           *           "clients": 412,
           *           "revenue": "5120000.00",
           *           "clientShare": 0.2,
           *           "meanRecencyDays": 9.5,
           *           "meanFrequency": 7.2
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['RfmSegmentsResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealsAnalytics_stuck: {
    parameters: {
      query?: {
        /** @description ISO 4217 code the values are converted to (today's rates); default the company's base currency. */
        currency?: string;
        /** @description Default: the company's default pipeline. */
        pipelineId?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "pipelineId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *       "total": 14,
           *       "items": [
           *         {
           *           "dealId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *           "title": "Поставка оборудования",
           *           "stageId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *           "ownerId": "0193a0c4-7d2e-7b4a-9c1e-3f5a6b7c8d9e",
           *           "amount": "250000.00",
           *           "currency": "RUB",
           *           "inStageSince": "2026-10-02T09:00:00.000Z",
           *           "daysInStage": 37.2,
           *           "stageMedianDays": 9
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['StuckDealsResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Analytics_summary: {
    parameters: {
      query?: {
        /**
         * @description Only the sales of these clients (at most 300, clients of this company), repeated
         *     (`clientIds=a&clientIds=b`) or comma separated.
         */
        clientIds?: string[];
        /**
         * @description Only the sales in these currencies (the sale's own currency; the figures are still converted
         *     to `currency`), repeated or comma separated.
         */
        currencies?: string[];
        /** @description ISO 4217 code to convert to; default the company's base currency. */
        currency?: string;
        /** @description First day, inclusive (company time zone). */
        from?: string;
        /** @description Last day, inclusive (company time zone); not before `from`. */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "currency": "RUB",
           *       "warnings": [
           *         {
           *           "code": "unconverted-sales",
           *           "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *           "currency": "USD",
           *           "salesCount": 3,
           *           "amount": "360.00",
           *           "firstDay": "2026-01-02",
           *           "lastDay": "2026-01-05",
           *           "sales": [
           *             {
           *               "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *               "externalId": "INV-536365",
           *               "soldAt": "2026-11-20T10:15:00.000Z",
           *               "amount": "120.00"
           *             }
           *           ]
           *         }
           *       ],
           *       "previous": {
           *         "from": "2026-10-22",
           *         "to": "2026-11-20",
           *         "revenue": "1234567.89",
           *         "salesCount": 842,
           *         "buyers": 615,
           *         "newClients": 120,
           *         "returningClients": 495,
           *         "returns": {
           *           "count": 12,
           *           "amount": "15400.00"
           *         },
           *         "averageOrderValue": "1466.23",
           *         "repeatPurchaseRate": 0.21
           *       },
           *       "change": {
           *         "revenue": 0.125,
           *         "salesCount": 0.08,
           *         "buyers": -0.02,
           *         "newClients": 0.3,
           *         "averageOrderValue": 0.04,
           *         "repeatPurchaseRate": 0.03
           *       },
           *       "from": "2026-10-22",
           *       "to": "2026-11-20",
           *       "revenue": "1234567.89",
           *       "salesCount": 842,
           *       "buyers": 615,
           *       "newClients": 120,
           *       "returningClients": 495,
           *       "returns": {
           *         "count": 12,
           *         "amount": "15400.00"
           *       },
           *       "averageOrderValue": "1466.23",
           *       "repeatPurchaseRate": 0.21
           *     }
           */
          'application/json': components['schemas']['AnalyticsSummaryResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Analytics_timeseries: {
    parameters: {
      query?: {
        /**
         * @description Only the sales of these clients (at most 300, clients of this company), repeated
         *     (`clientIds=a&clientIds=b`) or comma separated.
         */
        clientIds?: string[];
        /**
         * @description Only the sales in these currencies (the sale's own currency; the figures are still converted
         *     to `currency`), repeated or comma separated.
         */
        currencies?: string[];
        /** @description ISO 4217 code to convert to; default the company's base currency. */
        currency?: string;
        /** @description First day, inclusive (company time zone). */
        from?: string;
        /** @description Period length; weeks start on Monday. Default `day`. */
        granularity?: 'day' | 'week' | 'month';
        /** @description Last day, inclusive (company time zone); not before `from`. */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "currency": "RUB",
           *       "granularity": "month",
           *       "from": "2026-01-01",
           *       "to": "2026-11-20",
           *       "points": [
           *         {
           *           "period": "2026-11-01",
           *           "revenue": "98765.40",
           *           "salesCount": 67
           *         }
           *       ],
           *       "warnings": [
           *         {
           *           "code": "unconverted-sales",
           *           "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *           "currency": "USD",
           *           "salesCount": 3,
           *           "amount": "360.00",
           *           "firstDay": "2026-01-02",
           *           "lastDay": "2026-01-05",
           *           "sales": [
           *             {
           *               "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *               "externalId": "INV-536365",
           *               "soldAt": "2026-11-20T10:15:00.000Z",
           *               "amount": "120.00"
           *             }
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['AnalyticsTimeseriesResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Analytics_topClients: {
    parameters: {
      query?: {
        /**
         * @description Only the sales of these clients (at most 300, clients of this company), repeated
         *     (`clientIds=a&clientIds=b`) or comma separated.
         */
        clientIds?: string[];
        /**
         * @description Only the sales in these currencies (the sale's own currency; the figures are still converted
         *     to `currency`), repeated or comma separated.
         */
        currencies?: string[];
        /** @description ISO 4217 code to convert to; default the company's base currency. */
        currency?: string;
        /** @description First day, inclusive (company time zone). */
        from?: string;
        /** @description Clients to return, 1–100, default 10. */
        limit?: number;
        /** @description Last day, inclusive (company time zone); not before `from`. */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "currency": "RUB",
           *       "from": "2026-10-22",
           *       "to": "2026-11-20",
           *       "items": [
           *         {
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "C-10042",
           *           "name": "Иван Петров",
           *           "email": "ivan.petrov@example.ru",
           *           "revenue": "45210.00",
           *           "salesCount": 12
           *         }
           *       ],
           *       "warnings": [
           *         {
           *           "code": "unconverted-sales",
           *           "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *           "currency": "USD",
           *           "salesCount": 3,
           *           "amount": "360.00",
           *           "firstDay": "2026-01-02",
           *           "lastDay": "2026-01-05",
           *           "sales": [
           *             {
           *               "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *               "externalId": "INV-536365",
           *               "soldAt": "2026-11-20T10:15:00.000Z",
           *               "amount": "120.00"
           *             }
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['TopClientsResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApiKeys_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "name": "Интернет-магазин",
           *         "prefix": "crm_live_3fA9",
           *         "createdAt": "2026-11-20T10:15:00.000Z",
           *         "lastUsedAt": "2026-11-20T12:01:00.000Z",
           *         "revokedAt": null
           *       }
           *     ]
           */
          'application/json': components['schemas']['ApiKeyResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApiKeys_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Интернет-магазин"
         *     }
         */
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "Интернет-магазин",
           *       "prefix": "crm_live_3fA9",
           *       "key": "crm_live_3fA9c1Zb0nq8VwKjT2pXyR7sLmE4hGdU"
           *     }
           */
          'application/json': components['schemas']['CreatedApiKeyResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApiKeys_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Revoked */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApiKeys_reveal: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "key": "crm_live_3fA9c1Zb0nq8VwKjT2pXyR7sLmE4hGdU"
           *     }
           */
          'application/json': components['schemas']['RevealedApiKeyResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ApiKeys_rotate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "Интернет-магазин",
           *       "prefix": "crm_live_3fA9",
           *       "key": "crm_live_3fA9c1Zb0nq8VwKjT2pXyR7sLmE4hGdU"
           *     }
           */
          'application/json': components['schemas']['CreatedApiKeyResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        actionId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "kind": "add_note",
           *       "clientId": null,
           *       "clientName": "Иван Петров",
           *       "payload": {},
           *       "status": "proposed",
           *       "resultId": null
           *     }
           */
          'application/json': components['schemas']['AssistantActionResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_confirm: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        actionId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "kind": "add_note",
           *       "clientId": null,
           *       "clientName": "Иван Петров",
           *       "payload": {},
           *       "status": "proposed",
           *       "resultId": null
           *     }
           */
          'application/json': components['schemas']['AssistantActionResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_chat: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "message": "Какая выручка за 2024 год?",
         *       "conversationId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
         *       "locale": "ru"
         *     }
         */
        'application/json': components['schemas']['AssistantChatDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "conversationId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "messageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "answer": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "toolCalls": [
           *         {
           *           "name": "sales_summary",
           *           "args": {},
           *           "label": "посмотрел сводку продаж за 01.01.2024–31.12.2024",
           *           "outcome": "ok"
           *         }
           *       ],
           *       "mode": "offline",
           *       "records": [
           *         {
           *           "kind": "client",
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "label": "Иван Петров"
           *         }
           *       ],
           *       "charts": [
           *         {
           *           "title": "Выручка по месяцам, RUB",
           *           "currency": "RUB",
           *           "points": [
           *             {
           *               "period": "2024-01-01",
           *               "value": "125000.00"
           *             }
           *           ],
           *           "forecastFrom": null
           *         }
           *       ],
           *       "tables": [
           *         {
           *           "title": "Воронка по этапам, RUB",
           *           "columns": [
           *             "Этап",
           *             "Сделок",
           *             "Сумма",
           *             "Взвешенная"
           *           ],
           *           "numeric": [
           *             true
           *           ],
           *           "rows": [
           *             {
           *               "cells": [
           *                 "Новая",
           *                 "3",
           *                 "150 000,00 ₽"
           *               ],
           *               "link": {
           *                 "kind": "client",
           *                 "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *                 "label": "Иван Петров"
           *               }
           *             }
           *           ],
           *           "footer": [
           *             "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           ]
           *         }
           *       ],
           *       "actions": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "kind": "add_note",
           *           "clientId": null,
           *           "clientName": "Иван Петров",
           *           "payload": {},
           *           "status": "proposed",
           *           "resultId": null
           *         }
           *       ],
           *       "usage": {
           *         "inputTokens": 1,
           *         "outputTokens": 1
           *       }
           *     }
           */
          'application/json': components['schemas']['AssistantChatResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_stream: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "message": "Какая выручка за 2024 год?",
         *       "conversationId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
         *       "locale": "ru"
         *     }
         */
        'application/json': components['schemas']['AssistantChatDto'];
      };
    };
    responses: {
      /** @description text/event-stream */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'text/event-stream': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'text/event-stream': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'text/event-stream': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "title": "Выручка за 2024 год",
           *           "createdAt": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "updatedAt": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "inputTokens": 1,
           *           "outputTokens": 1
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['AssistantConversationListResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "title": "Выручка за 2024 год",
           *       "createdAt": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "updatedAt": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "inputTokens": 1,
           *       "outputTokens": 1,
           *       "messages": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "role": "assistant",
           *           "content": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "mode": null,
           *           "toolCalls": [
           *             {
           *               "name": "sales_summary",
           *               "args": {},
           *               "label": "посмотрел сводку продаж за 01.01.2024–31.12.2024",
           *               "outcome": "ok"
           *             }
           *           ],
           *           "records": [
           *             {
           *               "kind": "client",
           *               "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *               "label": "Иван Петров"
           *             }
           *           ],
           *           "charts": [
           *             {
           *               "title": "Выручка по месяцам, RUB",
           *               "currency": "RUB",
           *               "points": [
           *                 {
           *                   "period": "2024-01-01",
           *                   "value": "125000.00"
           *                 }
           *               ],
           *               "forecastFrom": null
           *             }
           *           ],
           *           "tables": [
           *             {
           *               "title": "Воронка по этапам, RUB",
           *               "columns": [
           *                 "Этап",
           *                 "Сделок",
           *                 "Сумма",
           *                 "Взвешенная"
           *               ],
           *               "numeric": [
           *                 true
           *               ],
           *               "rows": [
           *                 {
           *                   "cells": [
           *                     "Новая",
           *                     "3",
           *                     "150 000,00 ₽"
           *                   ],
           *                   "link": {
           *                     "kind": "client",
           *                     "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *                     "label": "Иван Петров"
           *                   }
           *                 }
           *               ],
           *               "footer": [
           *                 "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *               ]
           *             }
           *           ],
           *           "actions": [
           *             {
           *               "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *               "kind": "add_note",
           *               "clientId": null,
           *               "clientName": "Иван Петров",
           *               "payload": {},
           *               "status": "proposed",
           *               "resultId": null
           *             }
           *           ],
           *           "createdAt": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['AssistantConversationDetailResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_rename: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "title": "Выручка 2024"
         *     }
         */
        'application/json': components['schemas']['RenameConversationDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "title": "Выручка за 2024 год",
           *       "createdAt": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "updatedAt": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "inputTokens": 1,
           *       "outputTokens": 1
           *     }
           */
          'application/json': components['schemas']['AssistantConversationResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_recommendations: {
    parameters: {
      query?: {
        locale?: 'ru' | 'en';
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "asOf": "2026-12-01",
           *       "locale": "ru",
           *       "items": [
           *         {
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "clientName": "Анна Смирнова",
           *           "title": "Предложить: Фонарь металлический белый",
           *           "reason": "42% покупателей «Подсвечник» покупают и его (лифт 3,1)",
           *           "action": "offer_product",
           *           "numbers": {},
           *           "product": null
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['AssistantRecommendationsResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Assistant_status: {
    parameters: {
      query?: {
        locale?: 'ru' | 'en';
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "mode": "offline",
           *       "suggestions": [
           *         "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *       ]
           *     }
           */
          'application/json': components['schemas']['AssistantStatusResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Clients_list: {
    parameters: {
      query?: {
        /** @description Clients whose activity is exactly this (case-insensitive). */
        activity?: string;
        /** @description `true`: only clients with at least one sale; `false`: only clients without. */
        hasPurchases?: boolean;
        /** @description Last interaction on or after this day (company time zone). */
        lastInteractionFrom?: string;
        /** @description Last interaction on or before this day (company time zone). */
        lastInteractionTo?: string;
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        /** @description Free-text search, case-insensitive. */
        q?: string;
        /** @description A field, descending with `-`. Default `-createdAt`. */
        sort?:
          | 'name'
          | '-name'
          | 'email'
          | '-email'
          | 'lastInteractionAt'
          | '-lastInteractionAt'
          | 'createdAt'
          | '-createdAt'
          | 'updatedAt'
          | '-updatedAt';
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "C-10042",
           *           "email": "ivan.petrov@example.ru",
           *           "name": "Иван Петров",
           *           "phone": "+7 900 123-45-67",
           *           "activity": "Розничная торговля",
           *           "attributes": {
           *             "city": "Казань"
           *           },
           *           "lastInteractionAt": "2026-11-20T10:15:00.000Z",
           *           "createdAt": "2026-11-01T08:00:00.000Z",
           *           "updatedAt": "2026-11-20T10:15:00.000Z"
           *         }
           *       ],
           *       "total": 1234,
           *       "page": 1,
           *       "pageSize": 50
           *     }
           */
          'application/json': components['schemas']['ClientPageResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Clients_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "externalId": "C-10042",
         *       "email": "ivan.petrov@example.ru",
         *       "name": "Иван Петров",
         *       "phone": "+7 900 123-45-67",
         *       "activity": "Розничная торговля",
         *       "attributes": {
         *         "city": "Казань",
         *         "segment": "B2C"
         *       }
         *     }
         */
        'application/json': components['schemas']['CreateClientDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "C-10042",
           *       "email": "ivan.petrov@example.ru",
           *       "name": "Иван Петров",
           *       "phone": "+7 900 123-45-67",
           *       "activity": "Розничная торговля",
           *       "attributes": {
           *         "city": "Казань"
           *       },
           *       "lastInteractionAt": "2026-11-20T10:15:00.000Z",
           *       "createdAt": "2026-11-01T08:00:00.000Z",
           *       "updatedAt": "2026-11-20T10:15:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ClientResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Clients_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "C-10042",
           *       "email": "ivan.petrov@example.ru",
           *       "name": "Иван Петров",
           *       "phone": "+7 900 123-45-67",
           *       "activity": "Розничная торговля",
           *       "attributes": {
           *         "city": "Казань",
           *         "segment": "B2C"
           *       },
           *       "lastInteractionAt": "2026-11-20T07:15:00.000Z",
           *       "createdAt": "2026-11-01T08:00:00.000Z",
           *       "updatedAt": "2026-11-20T07:16:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ClientResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Clients_remove: {
    parameters: {
      query?: {
        /** @description `true` deletes the client’s sales too */
        confirm?: 'true' | 'false';
      };
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description The client has sales; the body says what would be lost */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "The client has 12 sales (125000.00 RUB); repeat with ?confirm=true to delete them too",
           *       "code": "client_has_sales",
           *       "wouldDelete": {
           *         "sales": 12,
           *         "revenue": [
           *           {
           *             "currency": "RUB",
           *             "amount": "125000.00"
           *           }
           *         ],
           *         "interactions": 4,
           *         "notes": 2
           *       }
           *     }
           */
          'application/json': components['schemas']['ClientDeleteConflictResponse'];
        };
      };
    };
  };
  Clients_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "externalId": "C-10042",
         *       "email": "ivan.petrov@example.ru",
         *       "name": "Иван Петров",
         *       "phone": "+7 900 123-45-67",
         *       "activity": "Розничная торговля",
         *       "attributes": {
         *         "city": "Казань",
         *         "segment": "B2C"
         *       }
         *     }
         */
        'application/json': components['schemas']['UpdateClientDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "C-10042",
           *       "email": "ivan.petrov@example.ru",
           *       "name": "Иван Петров",
           *       "phone": "+7 900 123-45-67",
           *       "activity": "Розничная торговля",
           *       "attributes": {
           *         "city": "Казань"
           *       },
           *       "lastInteractionAt": "2026-11-20T10:15:00.000Z",
           *       "createdAt": "2026-11-01T08:00:00.000Z",
           *       "updatedAt": "2026-11-20T10:15:00.000Z"
           *     }
           */
          'application/json': components['schemas']['ClientResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientDeals_list: {
    parameters: {
      query?: {
        /** @description Amount at most this (in the deal's own currency). */
        amountMax?: string;
        /** @description Amount at least this (in the deal's own currency). */
        amountMin?: string;
        clientId?: string;
        currency?: string;
        /**
         * @description Entered their current stage on or after this day (company time zone): the board's won and lost
         *     columns show the deals closed recently rather than every deal ever closed.
         */
        enteredFrom?: string;
        /** @description Expected to close on or after this day. */
        expectedFrom?: string;
        /** @description Expected to close on or before this day. */
        expectedTo?: string;
        ownerId?: string;
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        pipelineId?: string;
        /** @description Free-text search, case-insensitive. */
        q?: string;
        /** @description The deal a sale came from (a won deal's `saleId`): links a sale back to its deal. */
        saleId?: string;
        /** @description A field, descending with `-`. Default `-updatedAt`. */
        sort?:
          | 'createdAt'
          | '-createdAt'
          | 'updatedAt'
          | '-updatedAt'
          | 'amount'
          | '-amount'
          | 'expectedCloseDate'
          | '-expectedCloseDate'
          | 'title'
          | '-title'
          | 'stageEnteredAt'
          | '-stageEnteredAt';
        stageId?: string;
        status?: 'open' | 'won' | 'lost';
      };
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "ORD-1001",
           *           "title": "Поставка 200 свечей",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "clientName": "Иван Петров",
           *           "amount": "150000.00",
           *           "currency": "RUB",
           *           "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "stageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "stageName": "Предложение",
           *           "ownerId": null,
           *           "ownerName": "anna.petrova",
           *           "expectedCloseDate": "2026-12-31",
           *           "probability": 50,
           *           "probabilityOverridden": false,
           *           "status": "open",
           *           "lostReason": null,
           *           "saleId": null,
           *           "source": "Сайт",
           *           "nextStep": {
           *             "title": "Позвонить и обсудить скидку",
           *             "dueAt": "2026-12-05T09:00:00.000Z"
           *           },
           *           "stageEnteredAt": "2026-12-01T08:00:00.000Z",
           *           "closedAt": null,
           *           "createdAt": "2026-12-01T08:00:00.000Z",
           *           "updatedAt": "2026-12-01T08:00:00.000Z"
           *         }
           *       ],
           *       "total": 1234,
           *       "page": 1,
           *       "pageSize": 50
           *     }
           */
          'application/json': components['schemas']['DealPageResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientActivity_listInteractions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "dealId": null,
           *         "dealTitle": "Поставка 200 свечей",
           *         "type": "call",
           *         "occurredAt": "2026-11-20T07:15:00.000Z",
           *         "summary": "Обсудили условия поставки",
           *         "author": {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "login": "anna.petrova"
           *         },
           *         "createdAt": "2026-11-20T07:20:00.000Z"
           *       }
           *     ]
           */
          'application/json': components['schemas']['InteractionResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientActivity_createInteraction: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "type": "call",
         *       "occurredAt": "2026-11-20T10:15:00+03:00",
         *       "summary": "Обсудили условия поставки"
         *     }
         */
        'application/json': components['schemas']['CreateInteractionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "dealId": null,
           *       "dealTitle": "Поставка 200 свечей",
           *       "type": "call",
           *       "occurredAt": "2026-11-20T07:15:00.000Z",
           *       "summary": "Обсудили условия поставки",
           *       "author": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "login": "anna.petrova"
           *       },
           *       "createdAt": "2026-11-20T07:20:00.000Z"
           *     }
           */
          'application/json': components['schemas']['InteractionResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientActivity_listNotes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "dealId": null,
           *         "dealTitle": "Поставка 200 свечей",
           *         "text": "Предпочитает связь по почте",
           *         "author": {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "login": "anna.petrova"
           *         },
           *         "createdAt": "2026-11-20T07:20:00.000Z"
           *       }
           *     ]
           */
          'application/json': components['schemas']['NoteResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientActivity_createNote: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "text": "Предпочитает связь по почте"
         *     }
         */
        'application/json': components['schemas']['CreateNoteDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "dealId": null,
           *       "dealTitle": "Поставка 200 свечей",
           *       "text": "Предпочитает связь по почте",
           *       "author": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "login": "anna.petrova"
           *       },
           *       "createdAt": "2026-11-20T07:20:00.000Z"
           *     }
           */
          'application/json': components['schemas']['NoteResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientRecommendations_get: {
    parameters: {
      query?: {
        locale?: 'ru' | 'en';
      };
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "locale": "ru",
           *       "items": [
           *         {
           *           "title": "Предложить: Фонарь металлический белый",
           *           "reason": "42% покупателей «Подсвечник» покупают и его (лифт 3,1)",
           *           "action": "offer_product",
           *           "numbers": {},
           *           "product": null
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ClientRecommendationsResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientSales_list: {
    parameters: {
      query?: {
        /** @description Amount at most this (in the sale's own currency). */
        amountMax?: string;
        /** @description Amount at least this (in the sale's own currency). */
        amountMin?: string;
        clientId?: string;
        currency?: string;
        /** @description Sold on or after this day (company time zone). */
        from?: string;
        /** @description Only sales (`sale`) or only returns (`return`). */
        kind?: 'sale' | 'return';
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        /** @description Free-text search, case-insensitive. */
        q?: string;
        /**
         * @description A field, descending with `-`. Default `-soldAt`. `amount` orders by the amount in the company's
         *     base currency at the rate in force on the sale's day; sales with no rate in force come last.
         */
        sort?: 'soldAt' | '-soldAt' | 'amount' | '-amount' | 'createdAt' | '-createdAt';
        status?: 'pending' | 'paid' | 'cancelled' | 'refunded';
        /** @description Sold on or before this day (company time zone). */
        to?: string;
      };
      header?: never;
      path: {
        clientId: string;
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "client": {
           *             "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *             "externalId": "C-10042",
           *             "email": "ivan.petrov@example.ru",
           *             "name": "Иван Петров"
           *           },
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "INV-536365",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "amount": "1234.50",
           *           "currency": "RUB",
           *           "soldAt": "2026-11-20T07:15:00.000Z",
           *           "status": "paid",
           *           "kind": "sale",
           *           "returnOf": null,
           *           "items": [
           *             {
           *               "sku": "85123A",
           *               "name": "Подсвечник «Сердце»",
           *               "quantity": 6,
           *               "unitPrice": "255.00"
           *             }
           *           ],
           *           "createdAt": "2026-11-20T07:16:00.000Z",
           *           "updatedAt": "2026-11-20T07:16:00.000Z"
           *         }
           *       ],
           *       "total": 1234,
           *       "page": 1,
           *       "pageSize": 50
           *     }
           */
          'application/json': components['schemas']['SalePageResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Deals_list: {
    parameters: {
      query?: {
        /** @description Amount at most this (in the deal's own currency). */
        amountMax?: string;
        /** @description Amount at least this (in the deal's own currency). */
        amountMin?: string;
        clientId?: string;
        currency?: string;
        /**
         * @description Entered their current stage on or after this day (company time zone): the board's won and lost
         *     columns show the deals closed recently rather than every deal ever closed.
         */
        enteredFrom?: string;
        /** @description Expected to close on or after this day. */
        expectedFrom?: string;
        /** @description Expected to close on or before this day. */
        expectedTo?: string;
        ownerId?: string;
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        pipelineId?: string;
        /** @description Free-text search, case-insensitive. */
        q?: string;
        /** @description The deal a sale came from (a won deal's `saleId`): links a sale back to its deal. */
        saleId?: string;
        /** @description A field, descending with `-`. Default `-updatedAt`. */
        sort?:
          | 'createdAt'
          | '-createdAt'
          | 'updatedAt'
          | '-updatedAt'
          | 'amount'
          | '-amount'
          | 'expectedCloseDate'
          | '-expectedCloseDate'
          | 'title'
          | '-title'
          | 'stageEnteredAt'
          | '-stageEnteredAt';
        stageId?: string;
        status?: 'open' | 'won' | 'lost';
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "ORD-1001",
           *           "title": "Поставка 200 свечей",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "clientName": "Иван Петров",
           *           "amount": "150000.00",
           *           "currency": "RUB",
           *           "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "stageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "stageName": "Предложение",
           *           "ownerId": null,
           *           "ownerName": "anna.petrova",
           *           "expectedCloseDate": "2026-12-31",
           *           "probability": 50,
           *           "probabilityOverridden": false,
           *           "status": "open",
           *           "lostReason": null,
           *           "saleId": null,
           *           "source": "Сайт",
           *           "nextStep": {
           *             "title": "Позвонить и обсудить скидку",
           *             "dueAt": "2026-12-05T09:00:00.000Z"
           *           },
           *           "stageEnteredAt": "2026-12-01T08:00:00.000Z",
           *           "closedAt": null,
           *           "createdAt": "2026-12-01T08:00:00.000Z",
           *           "updatedAt": "2026-12-01T08:00:00.000Z"
           *         }
           *       ],
           *       "total": 1234,
           *       "page": 1,
           *       "pageSize": 50
           *     }
           */
          'application/json': components['schemas']['DealPageResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Deals_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "title": "Поставка 200 свечей",
         *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
         *       "amount": "150000.00",
         *       "currency": "RUB",
         *       "expectedCloseDate": "2026-12-31",
         *       "source": "Сайт",
         *       "nextStep": {
         *         "title": "Позвонить и обсудить скидку",
         *         "dueAt": "2026-12-05T12:00:00+03:00"
         *       }
         *     }
         */
        'application/json': components['schemas']['CreateDealDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "ORD-1001",
           *       "title": "Поставка 200 свечей",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "clientName": "Иван Петров",
           *       "amount": "150000.00",
           *       "currency": "RUB",
           *       "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "stageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "stageName": "Предложение",
           *       "ownerId": null,
           *       "ownerName": "anna.petrova",
           *       "expectedCloseDate": "2026-12-31",
           *       "probability": 50,
           *       "probabilityOverridden": false,
           *       "status": "open",
           *       "lostReason": null,
           *       "saleId": null,
           *       "source": "Сайт",
           *       "nextStep": {
           *         "title": "Позвонить и обсудить скидку",
           *         "dueAt": "2026-12-05T09:00:00.000Z"
           *       },
           *       "stageEnteredAt": "2026-12-01T08:00:00.000Z",
           *       "closedAt": null,
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['DealResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Deals_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "ORD-1001",
           *       "title": "Поставка 200 свечей",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "clientName": "Иван Петров",
           *       "amount": "150000.00",
           *       "currency": "RUB",
           *       "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "stageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "stageName": "Предложение",
           *       "ownerId": null,
           *       "ownerName": "anna.petrova",
           *       "expectedCloseDate": "2026-12-31",
           *       "probability": 50,
           *       "probabilityOverridden": false,
           *       "status": "open",
           *       "lostReason": null,
           *       "saleId": null,
           *       "source": "Сайт",
           *       "nextStep": {
           *         "title": "Позвонить и обсудить скидку",
           *         "dueAt": "2026-12-05T09:00:00.000Z"
           *       },
           *       "stageEnteredAt": "2026-12-01T08:00:00.000Z",
           *       "closedAt": null,
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['DealResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Deals_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Deals_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "title": "Поставка 250 свечей",
         *       "amount": "180000.00",
         *       "expectedCloseDate": "2027-01-31",
         *       "probability": 40
         *     }
         */
        'application/json': components['schemas']['UpdateDealDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "ORD-1001",
           *       "title": "Поставка 200 свечей",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "clientName": "Иван Петров",
           *       "amount": "150000.00",
           *       "currency": "RUB",
           *       "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "stageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "stageName": "Предложение",
           *       "ownerId": null,
           *       "ownerName": "anna.petrova",
           *       "expectedCloseDate": "2026-12-31",
           *       "probability": 50,
           *       "probabilityOverridden": false,
           *       "status": "open",
           *       "lostReason": null,
           *       "saleId": null,
           *       "source": "Сайт",
           *       "nextStep": {
           *         "title": "Позвонить и обсудить скидку",
           *         "dueAt": "2026-12-05T09:00:00.000Z"
           *       },
           *       "stageEnteredAt": "2026-12-01T08:00:00.000Z",
           *       "closedAt": null,
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['DealResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Deals_history: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "fromStageId": null,
           *         "toStageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "userId": null,
           *         "at": "2026-12-01T08:00:00.000Z"
           *       }
           *     ]
           */
          'application/json': components['schemas']['DealStageChangeResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealActivity_listInteractions: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "dealId": null,
           *         "dealTitle": "Поставка 200 свечей",
           *         "type": "call",
           *         "occurredAt": "2026-11-20T07:15:00.000Z",
           *         "summary": "Обсудили условия поставки",
           *         "author": {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "login": "anna.petrova"
           *         },
           *         "createdAt": "2026-11-20T07:20:00.000Z"
           *       }
           *     ]
           */
          'application/json': components['schemas']['InteractionResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealActivity_createInteraction: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "type": "call",
         *       "occurredAt": "2026-11-20T10:15:00+03:00",
         *       "summary": "Обсудили условия поставки"
         *     }
         */
        'application/json': components['schemas']['CreateInteractionDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "dealId": null,
           *       "dealTitle": "Поставка 200 свечей",
           *       "type": "call",
           *       "occurredAt": "2026-11-20T07:15:00.000Z",
           *       "summary": "Обсудили условия поставки",
           *       "author": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "login": "anna.petrova"
           *       },
           *       "createdAt": "2026-11-20T07:20:00.000Z"
           *     }
           */
          'application/json': components['schemas']['InteractionResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Deals_move: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "stageId": "5a1e0c2d-7b3f-4e6a-9c8d-0f1e2d3c4b5a"
         *     }
         */
        'application/json': components['schemas']['MoveDealDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "ORD-1001",
           *       "title": "Поставка 200 свечей",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "clientName": "Иван Петров",
           *       "amount": "150000.00",
           *       "currency": "RUB",
           *       "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "stageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "stageName": "Предложение",
           *       "ownerId": null,
           *       "ownerName": "anna.petrova",
           *       "expectedCloseDate": "2026-12-31",
           *       "probability": 50,
           *       "probabilityOverridden": false,
           *       "status": "open",
           *       "lostReason": null,
           *       "saleId": null,
           *       "source": "Сайт",
           *       "nextStep": {
           *         "title": "Позвонить и обсудить скидку",
           *         "dueAt": "2026-12-05T09:00:00.000Z"
           *       },
           *       "stageEnteredAt": "2026-12-01T08:00:00.000Z",
           *       "closedAt": null,
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['DealResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealActivity_listNotes: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "dealId": null,
           *         "dealTitle": "Поставка 200 свечей",
           *         "text": "Предпочитает связь по почте",
           *         "author": {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "login": "anna.petrova"
           *         },
           *         "createdAt": "2026-11-20T07:20:00.000Z"
           *       }
           *     ]
           */
          'application/json': components['schemas']['NoteResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealActivity_createNote: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        dealId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "text": "Предпочитает связь по почте"
         *     }
         */
        'application/json': components['schemas']['CreateNoteDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "dealId": null,
           *       "dealTitle": "Поставка 200 свечей",
           *       "text": "Предпочитает связь по почте",
           *       "author": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "login": "anna.petrova"
           *       },
           *       "createdAt": "2026-11-20T07:20:00.000Z"
           *     }
           */
          'application/json': components['schemas']['NoteResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ExchangeRates_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "baseCurrency": "RUB",
           *       "rates": [
           *         {
           *           "currency": "USD",
           *           "rate": "92.5012",
           *           "validFrom": "2026-01-01"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ExchangeRatesResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ExchangeRates_put: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "rates": [
         *         {
         *           "currency": "USD",
         *           "rate": "92.5012",
         *           "validFrom": "2026-01-01"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['PutExchangeRatesDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "baseCurrency": "RUB",
           *       "rates": [
           *         {
           *           "currency": "USD",
           *           "rate": "92.5012",
           *           "validFrom": "2026-01-01"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ExchangeRatesResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Exports_clients: {
    parameters: {
      query?: {
        /** @description Clients whose activity is exactly this (case-insensitive). */
        activity?: string;
        /** @description Default `csv`. */
        format?: 'csv' | 'xlsx';
        /** @description `true`: only clients with at least one sale; `false`: only clients without. */
        hasPurchases?: boolean;
        /** @description Last interaction on or after this day (company time zone). */
        lastInteractionFrom?: string;
        /** @description Last interaction on or before this day (company time zone). */
        lastInteractionTo?: string;
        /** @description CSV only: `ru` (`;`, decimal comma) or `en` (`,`, decimal point); default `ru`. */
        locale?: 'ru' | 'en';
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        /** @description Free-text search, case-insensitive. */
        q?: string;
        /** @description A field, descending with `-`. Default `-createdAt`. */
        sort?:
          | 'name'
          | '-name'
          | 'email'
          | '-email'
          | 'lastInteractionAt'
          | '-lastInteractionAt'
          | 'createdAt'
          | '-createdAt'
          | 'updatedAt'
          | '-updatedAt';
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV: UTF-8 with BOM, `;` and decimal comma for `locale=ru`, `,` and decimal point for `locale=en`; times in the company time zone. XLSX: numbers and dates as cells. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
          'text/csv': string;
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': components['schemas']['ErrorResponse'];
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'text/csv': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Exports_sales: {
    parameters: {
      query?: {
        /** @description Amount at most this (in the sale's own currency). */
        amountMax?: string;
        /** @description Amount at least this (in the sale's own currency). */
        amountMin?: string;
        clientId?: string;
        currency?: string;
        /** @description Default `csv`. */
        format?: 'csv' | 'xlsx';
        /** @description Sold on or after this day (company time zone). */
        from?: string;
        /** @description Only sales (`sale`) or only returns (`return`). */
        kind?: 'sale' | 'return';
        /** @description CSV only: `ru` (`;`, decimal comma) or `en` (`,`, decimal point); default `ru`. */
        locale?: 'ru' | 'en';
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        /** @description Free-text search, case-insensitive. */
        q?: string;
        /**
         * @description A field, descending with `-`. Default `-soldAt`. `amount` orders by the amount in the company's
         *     base currency at the rate in force on the sale's day; sales with no rate in force come last.
         */
        sort?: 'soldAt' | '-soldAt' | 'amount' | '-amount' | 'createdAt' | '-createdAt';
        status?: 'pending' | 'paid' | 'cancelled' | 'refunded';
        /** @description Sold on or before this day (company time zone). */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CSV: UTF-8 with BOM, `;` and decimal comma for `locale=ru`, `,` and decimal point for `locale=en`; times in the company time zone. XLSX: numbers and dates as cells. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
          'text/csv': string;
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': components['schemas']['ErrorResponse'];
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'text/csv': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Imports_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "kind": "clients",
           *         "status": "running",
           *         "fileName": "клиенты.csv",
           *         "sizeBytes": 1048576,
           *         "encoding": "windows-1251",
           *         "delimiter": ";",
           *         "columns": [
           *           "Код",
           *           "ФИО",
           *           "E-mail",
           *           "Телефон"
           *         ],
           *         "suggestedMapping": {
           *           "externalId": "Код",
           *           "name": "ФИО",
           *           "email": "E-mail",
           *           "phone": "Телефон",
           *           "activity": "Вид деятельности",
           *           "attributes": [
           *             "Город"
           *           ],
           *           "clientExternalId": "Клиент",
           *           "amount": "Сумма",
           *           "currency": "Валюта",
           *           "soldAt": "Дата",
           *           "status": "Статус",
           *           "sku": "Артикул",
           *           "itemName": "Товар",
           *           "quantity": "Количество",
           *           "unitPrice": "Цена"
           *         },
           *         "mapping": {
           *           "externalId": "Код",
           *           "name": "ФИО",
           *           "email": "E-mail",
           *           "phone": "Телефон",
           *           "activity": "Вид деятельности",
           *           "attributes": [
           *             "Город"
           *           ],
           *           "clientExternalId": "Клиент",
           *           "amount": "Сумма",
           *           "currency": "Валюта",
           *           "soldAt": "Дата",
           *           "status": "Статус",
           *           "sku": "Артикул",
           *           "itemName": "Товар",
           *           "quantity": "Количество",
           *           "unitPrice": "Цена"
           *         },
           *         "rowsTotal": 100000,
           *         "progress": {
           *           "rowsDone": 12000,
           *           "created": 11800,
           *           "updated": 150,
           *           "unchanged": 0,
           *           "failed": 50,
           *           "rejectedRows": 50
           *         },
           *         "error": null,
           *         "createdAt": "2026-11-20T10:15:00.000Z",
           *         "startedAt": null,
           *         "finishedAt": null
           *       }
           *     ]
           */
          'application/json': components['schemas']['ImportJobResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Imports_upload: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /**
           * Format: binary
           * @description CSV, UTF-8 or Windows-1251, `;` `,` or tab separated
           */
          file: string;
          /** @enum {string} */
          kind: 'clients' | 'sales';
        };
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "kind": "clients",
           *       "status": "running",
           *       "fileName": "клиенты.csv",
           *       "sizeBytes": 1048576,
           *       "encoding": "windows-1251",
           *       "delimiter": ";",
           *       "columns": [
           *         "Код",
           *         "ФИО",
           *         "E-mail",
           *         "Телефон"
           *       ],
           *       "suggestedMapping": {
           *         "externalId": "Код",
           *         "name": "ФИО",
           *         "email": "E-mail",
           *         "phone": "Телефон",
           *         "activity": "Вид деятельности",
           *         "attributes": [
           *           "Город"
           *         ],
           *         "clientExternalId": "Клиент",
           *         "amount": "Сумма",
           *         "currency": "Валюта",
           *         "soldAt": "Дата",
           *         "status": "Статус",
           *         "sku": "Артикул",
           *         "itemName": "Товар",
           *         "quantity": "Количество",
           *         "unitPrice": "Цена"
           *       },
           *       "mapping": {
           *         "externalId": "Код",
           *         "name": "ФИО",
           *         "email": "E-mail",
           *         "phone": "Телефон",
           *         "activity": "Вид деятельности",
           *         "attributes": [
           *           "Город"
           *         ],
           *         "clientExternalId": "Клиент",
           *         "amount": "Сумма",
           *         "currency": "Валюта",
           *         "soldAt": "Дата",
           *         "status": "Статус",
           *         "sku": "Артикул",
           *         "itemName": "Товар",
           *         "quantity": "Количество",
           *         "unitPrice": "Цена"
           *       },
           *       "rowsTotal": 100000,
           *       "progress": {
           *         "rowsDone": 12000,
           *         "created": 11800,
           *         "updated": 150,
           *         "unchanged": 0,
           *         "failed": 50,
           *         "rejectedRows": 50
           *       },
           *       "error": null,
           *       "createdAt": "2026-11-20T10:15:00.000Z",
           *       "startedAt": null,
           *       "finishedAt": null
           *     }
           */
          'application/json': components['schemas']['ImportJobResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Body above 10mb or batch above 5,000 items */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "message": "A batch holds at most 5000 items; this one has 5200. Send it in parts."
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Imports_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        importId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "kind": "clients",
           *       "status": "running",
           *       "fileName": "клиенты.csv",
           *       "sizeBytes": 1048576,
           *       "encoding": "windows-1251",
           *       "delimiter": ";",
           *       "columns": [
           *         "Код",
           *         "ФИО",
           *         "E-mail",
           *         "Телефон"
           *       ],
           *       "suggestedMapping": {
           *         "externalId": "Код",
           *         "name": "ФИО",
           *         "email": "E-mail",
           *         "phone": "Телефон",
           *         "activity": "Вид деятельности",
           *         "attributes": [
           *           "Город"
           *         ],
           *         "clientExternalId": "Клиент",
           *         "amount": "Сумма",
           *         "currency": "Валюта",
           *         "soldAt": "Дата",
           *         "status": "Статус",
           *         "sku": "Артикул",
           *         "itemName": "Товар",
           *         "quantity": "Количество",
           *         "unitPrice": "Цена"
           *       },
           *       "mapping": {
           *         "externalId": "Код",
           *         "name": "ФИО",
           *         "email": "E-mail",
           *         "phone": "Телефон",
           *         "activity": "Вид деятельности",
           *         "attributes": [
           *           "Город"
           *         ],
           *         "clientExternalId": "Клиент",
           *         "amount": "Сумма",
           *         "currency": "Валюта",
           *         "soldAt": "Дата",
           *         "status": "Статус",
           *         "sku": "Артикул",
           *         "itemName": "Товар",
           *         "quantity": "Количество",
           *         "unitPrice": "Цена"
           *       },
           *       "rowsTotal": 100000,
           *       "progress": {
           *         "rowsDone": 12000,
           *         "created": 11800,
           *         "updated": 150,
           *         "unchanged": 0,
           *         "failed": 50,
           *         "rejectedRows": 50
           *       },
           *       "error": null,
           *       "createdAt": "2026-11-20T10:15:00.000Z",
           *       "startedAt": null,
           *       "finishedAt": null
           *     }
           */
          'application/json': components['schemas']['ImportJobResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Imports_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        importId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Imports_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        importId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "kind": "clients",
           *       "status": "running",
           *       "fileName": "клиенты.csv",
           *       "sizeBytes": 1048576,
           *       "encoding": "windows-1251",
           *       "delimiter": ";",
           *       "columns": [
           *         "Код",
           *         "ФИО",
           *         "E-mail",
           *         "Телефон"
           *       ],
           *       "suggestedMapping": {
           *         "externalId": "Код",
           *         "name": "ФИО",
           *         "email": "E-mail",
           *         "phone": "Телефон",
           *         "activity": "Вид деятельности",
           *         "attributes": [
           *           "Город"
           *         ],
           *         "clientExternalId": "Клиент",
           *         "amount": "Сумма",
           *         "currency": "Валюта",
           *         "soldAt": "Дата",
           *         "status": "Статус",
           *         "sku": "Артикул",
           *         "itemName": "Товар",
           *         "quantity": "Количество",
           *         "unitPrice": "Цена"
           *       },
           *       "mapping": {
           *         "externalId": "Код",
           *         "name": "ФИО",
           *         "email": "E-mail",
           *         "phone": "Телефон",
           *         "activity": "Вид деятельности",
           *         "attributes": [
           *           "Город"
           *         ],
           *         "clientExternalId": "Клиент",
           *         "amount": "Сумма",
           *         "currency": "Валюта",
           *         "soldAt": "Дата",
           *         "status": "Статус",
           *         "sku": "Артикул",
           *         "itemName": "Товар",
           *         "quantity": "Количество",
           *         "unitPrice": "Цена"
           *       },
           *       "rowsTotal": 100000,
           *       "progress": {
           *         "rowsDone": 12000,
           *         "created": 11800,
           *         "updated": 150,
           *         "unchanged": 0,
           *         "failed": 50,
           *         "rejectedRows": 50
           *       },
           *       "error": null,
           *       "createdAt": "2026-11-20T10:15:00.000Z",
           *       "startedAt": null,
           *       "finishedAt": null
           *     }
           */
          'application/json': components['schemas']['ImportJobResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Imports_preview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        importId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "rows": 20,
         *       "mapping": {
         *         "externalId": "Код",
         *         "name": "ФИО",
         *         "email": "E-mail",
         *         "phone": "Телефон",
         *         "activity": "Вид деятельности",
         *         "attributes": [
         *           "Город"
         *         ],
         *         "clientExternalId": "Клиент",
         *         "amount": "Сумма",
         *         "currency": "Валюта",
         *         "soldAt": "Дата",
         *         "status": "Статус",
         *         "sku": "Артикул",
         *         "itemName": "Товар",
         *         "quantity": "Количество",
         *         "unitPrice": "Цена"
         *       },
         *       "defaultCurrency": "RUB"
         *     }
         */
        'application/json': components['schemas']['PreviewImportDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "rows": [
           *         {
           *           "lines": [
           *             2
           *           ],
           *           "record": {},
           *           "errors": [
           *             "email must look like name@domain"
           *           ],
           *           "details": [
           *             {
           *               "field": "password",
           *               "messages": [
           *                 "password must be longer than or equal to 10 characters"
           *               ],
           *               "codes": [
           *                 "minLength"
           *               ]
           *             }
           *           ]
           *         }
           *       ],
           *       "valid": 19,
           *       "invalid": 1
           *     }
           */
          'application/json': components['schemas']['ImportPreviewResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Imports_rejected: {
    parameters: {
      query?: {
        /** @description Language of the two columns the report adds to the file's own (`import line`, `import errors`). */
        lang?: 'en' | 'ru';
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        importId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description UTF-8 with BOM, the upload’s separator */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Imports_run: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        importId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "mapping": {
         *         "externalId": "Код",
         *         "name": "ФИО",
         *         "email": "E-mail",
         *         "phone": "Телефон",
         *         "activity": "Вид деятельности",
         *         "attributes": [
         *           "Город"
         *         ],
         *         "clientExternalId": "Клиент",
         *         "amount": "Сумма",
         *         "currency": "Валюта",
         *         "soldAt": "Дата",
         *         "status": "Статус",
         *         "sku": "Артикул",
         *         "itemName": "Товар",
         *         "quantity": "Количество",
         *         "unitPrice": "Цена"
         *       },
         *       "defaultCurrency": "RUB"
         *     }
         */
        'application/json': components['schemas']['RunImportDto'];
      };
    };
    responses: {
      /** @description Started; poll the import for progress */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "kind": "clients",
           *       "status": "running",
           *       "fileName": "клиенты.csv",
           *       "sizeBytes": 1048576,
           *       "encoding": "windows-1251",
           *       "delimiter": ";",
           *       "columns": [
           *         "Код",
           *         "ФИО",
           *         "E-mail",
           *         "Телефон"
           *       ],
           *       "suggestedMapping": {
           *         "externalId": "Код",
           *         "name": "ФИО",
           *         "email": "E-mail",
           *         "phone": "Телефон",
           *         "activity": "Вид деятельности",
           *         "attributes": [
           *           "Город"
           *         ],
           *         "clientExternalId": "Клиент",
           *         "amount": "Сумма",
           *         "currency": "Валюта",
           *         "soldAt": "Дата",
           *         "status": "Статус",
           *         "sku": "Артикул",
           *         "itemName": "Товар",
           *         "quantity": "Количество",
           *         "unitPrice": "Цена"
           *       },
           *       "mapping": {
           *         "externalId": "Код",
           *         "name": "ФИО",
           *         "email": "E-mail",
           *         "phone": "Телефон",
           *         "activity": "Вид деятельности",
           *         "attributes": [
           *           "Город"
           *         ],
           *         "clientExternalId": "Клиент",
           *         "amount": "Сумма",
           *         "currency": "Валюта",
           *         "soldAt": "Дата",
           *         "status": "Статус",
           *         "sku": "Артикул",
           *         "itemName": "Товар",
           *         "quantity": "Количество",
           *         "unitPrice": "Цена"
           *       },
           *       "rowsTotal": 100000,
           *       "progress": {
           *         "rowsDone": 12000,
           *         "created": 11800,
           *         "updated": 150,
           *         "unchanged": 0,
           *         "failed": 50,
           *         "rejectedRows": 50
           *       },
           *       "error": null,
           *       "createdAt": "2026-11-20T10:15:00.000Z",
           *       "startedAt": null,
           *       "finishedAt": null
           *     }
           */
          'application/json': components['schemas']['ImportJobResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CompanyInvitations_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "userId": null,
           *         "login": "ivan.sidorov",
           *         "role": "member",
           *         "status": "pending",
           *         "invitedBy": "anna",
           *         "createdAt": "2026-12-01T10:15:00.000Z",
           *         "expiresAt": "2026-12-15T10:15:00.000Z"
           *       }
           *     ]
           */
          'application/json': components['schemas']['InvitationResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CompanyInvitations_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        invitationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Withdrawn */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Members_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "userId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "login": "ivan.sidorov",
           *         "role": "member"
           *       }
           *     ]
           */
          'application/json': components['schemas']['MemberResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Members_add: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "login": "ivan.sidorov",
         *       "role": "member"
         *     }
         */
        'application/json': components['schemas']['AddMemberDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "userId": null,
           *       "login": "ivan.sidorov",
           *       "role": "member",
           *       "status": "pending",
           *       "invitedBy": "anna",
           *       "createdAt": "2026-12-01T10:15:00.000Z",
           *       "expiresAt": "2026-12-15T10:15:00.000Z"
           *     }
           */
          'application/json': components['schemas']['InvitationResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Members_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Members_changeRole: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        userId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "role": "admin"
         *     }
         */
        'application/json': components['schemas']['UpdateMemberDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "userId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "login": "ivan.sidorov",
           *       "role": "member"
           *     }
           */
          'application/json': components['schemas']['MemberResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Pipelines_list: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "name": "Воронка продаж",
           *         "position": 0,
           *         "stages": [
           *           {
           *             "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *             "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *             "name": "Квалификация",
           *             "position": 1,
           *             "probability": 20,
           *             "kind": "open",
           *             "dealCount": 12,
           *             "totals": [
           *               {
           *                 "currency": "RUB",
           *                 "amount": "125000.00"
           *               }
           *             ]
           *           }
           *         ],
           *         "createdAt": "2026-12-01T08:00:00.000Z",
           *         "updatedAt": "2026-12-01T08:00:00.000Z"
           *       }
           *     ]
           */
          'application/json': components['schemas']['PipelineResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Pipelines_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Оптовые продажи",
         *       "stages": [
         *         {
         *           "name": "Заявка",
         *           "probability": 10
         *         },
         *         {
         *           "name": "Счёт выставлен",
         *           "probability": 60
         *         },
         *         {
         *           "name": "Оплачено",
         *           "probability": 100,
         *           "kind": "won"
         *         },
         *         {
         *           "name": "Отказ",
         *           "probability": 0,
         *           "kind": "lost"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['CreatePipelineDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "Воронка продаж",
           *       "position": 0,
           *       "stages": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "name": "Квалификация",
           *           "position": 1,
           *           "probability": 20,
           *           "kind": "open",
           *           "dealCount": 12,
           *           "totals": [
           *             {
           *               "currency": "RUB",
           *               "amount": "125000.00"
           *             }
           *           ]
           *         }
           *       ],
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['PipelineResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Pipelines_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        pipelineId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "Воронка продаж",
           *       "position": 0,
           *       "stages": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "name": "Квалификация",
           *           "position": 1,
           *           "probability": 20,
           *           "kind": "open",
           *           "dealCount": 12,
           *           "totals": [
           *             {
           *               "currency": "RUB",
           *               "amount": "125000.00"
           *             }
           *           ]
           *         }
           *       ],
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['PipelineResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Pipelines_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        pipelineId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Pipelines_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        pipelineId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Розница"
         *     }
         */
        'application/json': components['schemas']['UpdatePipelineDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "Воронка продаж",
           *       "position": 0,
           *       "stages": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "name": "Квалификация",
           *           "position": 1,
           *           "probability": 20,
           *           "kind": "open",
           *           "dealCount": 12,
           *           "totals": [
           *             {
           *               "currency": "RUB",
           *               "amount": "125000.00"
           *             }
           *           ]
           *         }
           *       ],
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['PipelineResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Pipelines_addStage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        pipelineId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Выставлен счёт",
         *       "probability": 60
         *     }
         */
        'application/json': components['schemas']['CreateStageDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "Воронка продаж",
           *       "position": 0,
           *       "stages": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "name": "Квалификация",
           *           "position": 1,
           *           "probability": 20,
           *           "kind": "open",
           *           "dealCount": 12,
           *           "totals": [
           *             {
           *               "currency": "RUB",
           *               "amount": "125000.00"
           *             }
           *           ]
           *         }
           *       ],
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['PipelineResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Pipelines_removeStage: {
    parameters: {
      query?: {
        /**
         * @description A stage of the same pipeline that receives the deleted stage's deals (each move is recorded in
         *     the deals' history). Required when the stage has deals (409 without).
         */
        moveTo?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        pipelineId: string;
        stageId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Pipelines_updateStage: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        pipelineId: string;
        stageId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "name": "Счёт отправлен",
         *       "probability": 65
         *     }
         */
        'application/json': components['schemas']['UpdateStageDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "Воронка продаж",
           *       "position": 0,
           *       "stages": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "name": "Квалификация",
           *           "position": 1,
           *           "probability": 20,
           *           "kind": "open",
           *           "dealCount": 12,
           *           "totals": [
           *             {
           *               "currency": "RUB",
           *               "amount": "125000.00"
           *             }
           *           ]
           *         }
           *       ],
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['PipelineResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_list: {
    parameters: {
      query?: {
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        /** @description Free-text search, case-insensitive. */
        q?: string;
        /** @description Default `all`: own reports, those shared with the caller and those shared with the company. */
        scope?: 'all' | 'mine' | 'shared' | 'company';
        sort?: 'createdAt' | '-createdAt' | 'title' | '-title' | 'type' | '-type';
        type?: 'sales-trends' | 'sales-recommendations' | 'sales-overview' | 'pipeline';
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "type": "sales-overview",
           *           "title": "Продажи за 2025 год",
           *           "params": {
           *             "type": "sales-overview",
           *             "from": "2025-01-01",
           *             "to": "2025-12-31",
           *             "preset": "this-month",
           *             "currency": "RUB",
           *             "filters": {
           *               "pipelineId": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *               "statuses": [
           *                 "paid"
           *               ],
           *               "currencies": [
           *                 "RUB"
           *               ],
           *               "clientIds": [
           *                 "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *               ],
           *               "segment": "at_risk",
           *               "amountMin": "1000.00",
           *               "amountMax": "50000.00"
           *             }
           *           },
           *           "status": "ready",
           *           "progress": 1,
           *           "createdBy": {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           },
           *           "sharedWith": {
           *             "company": false,
           *             "users": [
           *               {
           *                 "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *                 "login": "anna.petrova"
           *               }
           *             ]
           *           },
           *           "createdAt": "2026-11-20T10:15:00.000Z",
           *           "updatedAt": "2026-11-20T10:15:00.000Z",
           *           "scheduled": false,
           *           "canManage": true
           *         }
           *       ],
           *       "total": 12,
           *       "page": 1,
           *       "pageSize": 50
           *     }
           */
          'application/json': components['schemas']['ReportListResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "type": "sales-overview",
         *       "from": "2025-01-01",
         *       "to": "2025-12-31",
         *       "preset": "last-month",
         *       "currency": "RUB",
         *       "filters": {
         *         "pipelineId": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
         *         "statuses": [
         *           "paid",
         *           "refunded"
         *         ],
         *         "currencies": [
         *           "RUB",
         *           "USD"
         *         ],
         *         "clientIds": [
         *           "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"
         *         ],
         *         "segment": "at_risk",
         *         "amountMin": "1000.00",
         *         "amountMax": "50000.00"
         *       },
         *       "title": "Продажи за 2025 год"
         *     }
         */
        'application/json': components['schemas']['CreateReportDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "snapshotId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "error": null,
           *       "stage": "forecast",
           *       "generatedAt": "2026-11-20T10:15:04.000Z",
           *       "schedule": {
           *         "frequency": "weekly",
           *         "weekday": 1,
           *         "dayOfMonth": null,
           *         "time": "09:00",
           *         "timeZone": "Europe/Moscow",
           *         "recipients": [
           *           {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           }
           *         ],
           *         "nextRunAt": "2026-12-07T06:00:00.000Z",
           *         "lastRunAt": null
           *       },
           *       "result": {
           *         "summary": {
           *           "currency": "RUB",
           *           "from": "2025-01-01",
           *           "to": "2025-12-31",
           *           "asOf": "2025-12-31",
           *           "noData": false,
           *           "kpis": [
           *             {
           *               "key": "revenue",
           *               "kind": "money",
           *               "value": "1234567.89",
           *               "previous": "1100000.00",
           *               "change": 0.1223
           *             }
           *           ],
           *           "warnings": [
           *             {
           *               "code": "unconverted-sales",
           *               "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *               "currency": "USD",
           *               "salesCount": 3,
           *               "amount": "360.00",
           *               "firstDay": "2026-01-02",
           *               "lastDay": "2026-01-05",
           *               "sales": [
           *                 {
           *                   "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *                   "externalId": "INV-536365",
           *                   "soldAt": "2026-11-20T10:15:00.000Z",
           *                   "amount": "120.00"
           *                 }
           *               ]
           *             }
           *           ],
           *           "subject": "Основная воронка",
           *           "selection": {
           *             "clients": 3,
           *             "clientIds": [
           *               "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *             ],
           *             "currencies": [
           *               "USD"
           *             ],
           *             "statuses": [
           *               "paid",
           *               "refunded"
           *             ]
           *           }
           *         },
           *         "tables": [
           *           {
           *             "key": "top-clients",
           *             "columns": [
           *               {
           *                 "key": "revenue",
           *                 "type": "money"
           *               }
           *             ],
           *             "rows": [
           *               [
           *                 "2025-01-01",
           *                 "125000.00",
           *                 42
           *               ]
           *             ],
           *             "totalRows": 12
           *           }
           *         ],
           *         "charts": [
           *           {
           *             "key": "trend",
           *             "kind": "line",
           *             "unit": "money",
           *             "granularity": "month",
           *             "series": [
           *               {
           *                 "key": "actual",
           *                 "points": [
           *                   {
           *                     "x": "2025-01-01",
           *                     "y": 125000,
           *                     "lower80": 1,
           *                     "upper80": 1,
           *                     "lower95": 1,
           *                     "upper95": 1,
           *                     "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *                   }
           *                 ]
           *               }
           *             ]
           *           }
           *         ],
           *         "insights": [
           *           {
           *             "code": "revenue-up",
           *             "tone": "positive",
           *             "text": "Выручка выросла на 12,2% к предыдущему периоду: 1 234 567,89 ₽ против 1 100 000,00 ₽.",
           *             "textEn": "Revenue rose 12.2% on the previous period: RUB 1,234,567.89 against RUB 1,100,000.00.",
           *             "figures": {
           *               "revenue": "1234567.89",
           *               "previous": "1100000.00",
           *               "change": 0.1223
           *             },
           *             "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           }
           *         ],
           *         "narrator": "rules"
           *       },
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "type": "sales-overview",
           *       "title": "Продажи за 2025 год",
           *       "params": {
           *         "type": "sales-overview",
           *         "from": "2025-01-01",
           *         "to": "2025-12-31",
           *         "preset": "this-month",
           *         "currency": "RUB",
           *         "filters": {
           *           "pipelineId": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *           "statuses": [
           *             "paid"
           *           ],
           *           "currencies": [
           *             "RUB"
           *           ],
           *           "clientIds": [
           *             "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           ],
           *           "segment": "at_risk",
           *           "amountMin": "1000.00",
           *           "amountMax": "50000.00"
           *         }
           *       },
           *       "status": "ready",
           *       "progress": 1,
           *       "createdBy": {
           *         "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *         "login": "anna.petrova"
           *       },
           *       "sharedWith": {
           *         "company": false,
           *         "users": [
           *           {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           }
           *         ]
           *       },
           *       "createdAt": "2026-11-20T10:15:00.000Z",
           *       "updatedAt": "2026-11-20T10:15:00.000Z",
           *       "scheduled": false,
           *       "canManage": true
           *     }
           */
          'application/json': components['schemas']['ReportResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_get: {
    parameters: {
      query?: {
        snapshot?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "snapshotId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "error": null,
           *       "stage": "forecast",
           *       "generatedAt": "2026-11-20T10:15:04.000Z",
           *       "schedule": {
           *         "frequency": "weekly",
           *         "weekday": 1,
           *         "dayOfMonth": null,
           *         "time": "09:00",
           *         "timeZone": "Europe/Moscow",
           *         "recipients": [
           *           {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           }
           *         ],
           *         "nextRunAt": "2026-12-07T06:00:00.000Z",
           *         "lastRunAt": null
           *       },
           *       "result": {
           *         "summary": {
           *           "currency": "RUB",
           *           "from": "2025-01-01",
           *           "to": "2025-12-31",
           *           "asOf": "2025-12-31",
           *           "noData": false,
           *           "kpis": [
           *             {
           *               "key": "revenue",
           *               "kind": "money",
           *               "value": "1234567.89",
           *               "previous": "1100000.00",
           *               "change": 0.1223
           *             }
           *           ],
           *           "warnings": [
           *             {
           *               "code": "unconverted-sales",
           *               "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *               "currency": "USD",
           *               "salesCount": 3,
           *               "amount": "360.00",
           *               "firstDay": "2026-01-02",
           *               "lastDay": "2026-01-05",
           *               "sales": [
           *                 {
           *                   "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *                   "externalId": "INV-536365",
           *                   "soldAt": "2026-11-20T10:15:00.000Z",
           *                   "amount": "120.00"
           *                 }
           *               ]
           *             }
           *           ],
           *           "subject": "Основная воронка",
           *           "selection": {
           *             "clients": 3,
           *             "clientIds": [
           *               "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *             ],
           *             "currencies": [
           *               "USD"
           *             ],
           *             "statuses": [
           *               "paid",
           *               "refunded"
           *             ]
           *           }
           *         },
           *         "tables": [
           *           {
           *             "key": "top-clients",
           *             "columns": [
           *               {
           *                 "key": "revenue",
           *                 "type": "money"
           *               }
           *             ],
           *             "rows": [
           *               [
           *                 "2025-01-01",
           *                 "125000.00",
           *                 42
           *               ]
           *             ],
           *             "totalRows": 12
           *           }
           *         ],
           *         "charts": [
           *           {
           *             "key": "trend",
           *             "kind": "line",
           *             "unit": "money",
           *             "granularity": "month",
           *             "series": [
           *               {
           *                 "key": "actual",
           *                 "points": [
           *                   {
           *                     "x": "2025-01-01",
           *                     "y": 125000,
           *                     "lower80": 1,
           *                     "upper80": 1,
           *                     "lower95": 1,
           *                     "upper95": 1,
           *                     "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *                   }
           *                 ]
           *               }
           *             ]
           *           }
           *         ],
           *         "insights": [
           *           {
           *             "code": "revenue-up",
           *             "tone": "positive",
           *             "text": "Выручка выросла на 12,2% к предыдущему периоду: 1 234 567,89 ₽ против 1 100 000,00 ₽.",
           *             "textEn": "Revenue rose 12.2% on the previous period: RUB 1,234,567.89 against RUB 1,100,000.00.",
           *             "figures": {
           *               "revenue": "1234567.89",
           *               "previous": "1100000.00",
           *               "change": 0.1223
           *             },
           *             "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           }
           *         ],
           *         "narrator": "rules"
           *       },
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "type": "sales-overview",
           *       "title": "Продажи за 2025 год",
           *       "params": {
           *         "type": "sales-overview",
           *         "from": "2025-01-01",
           *         "to": "2025-12-31",
           *         "preset": "this-month",
           *         "currency": "RUB",
           *         "filters": {
           *           "pipelineId": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *           "statuses": [
           *             "paid"
           *           ],
           *           "currencies": [
           *             "RUB"
           *           ],
           *           "clientIds": [
           *             "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           ],
           *           "segment": "at_risk",
           *           "amountMin": "1000.00",
           *           "amountMax": "50000.00"
           *         }
           *       },
           *       "status": "ready",
           *       "progress": 1,
           *       "createdBy": {
           *         "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *         "login": "anna.petrova"
           *       },
           *       "sharedWith": {
           *         "company": false,
           *         "users": [
           *           {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           }
           *         ]
           *       },
           *       "createdAt": "2026-11-20T10:15:00.000Z",
           *       "updatedAt": "2026-11-20T10:15:00.000Z",
           *       "scheduled": false,
           *       "canManage": true
           *     }
           */
          'application/json': components['schemas']['ReportResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_export: {
    parameters: {
      query: {
        /** @description `pdf`; `xlsx` (one sheet per table); `csv` (one table: a CSV file, several: a zip of CSV files). */
        format: 'pdf' | 'csv' | 'xlsx';
        /** @description Language of headings and labels; default `ru`. */
        lang?: 'en' | 'ru';
        snapshot?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file, streamed */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/pdf': string;
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string;
          'application/zip': string;
          'text/csv; charset=utf-8': string;
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/pdf': components['schemas']['ErrorResponse'];
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': components['schemas']['ErrorResponse'];
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/zip': components['schemas']['ErrorResponse'];
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'text/csv; charset=utf-8': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/pdf': components['schemas']['ErrorResponse'];
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': components['schemas']['ErrorResponse'];
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/zip': components['schemas']['ErrorResponse'];
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'text/csv; charset=utf-8': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_regenerate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "snapshotId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "error": null,
           *       "stage": "forecast",
           *       "generatedAt": "2026-11-20T10:15:04.000Z",
           *       "schedule": {
           *         "frequency": "weekly",
           *         "weekday": 1,
           *         "dayOfMonth": null,
           *         "time": "09:00",
           *         "timeZone": "Europe/Moscow",
           *         "recipients": [
           *           {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           }
           *         ],
           *         "nextRunAt": "2026-12-07T06:00:00.000Z",
           *         "lastRunAt": null
           *       },
           *       "result": {
           *         "summary": {
           *           "currency": "RUB",
           *           "from": "2025-01-01",
           *           "to": "2025-12-31",
           *           "asOf": "2025-12-31",
           *           "noData": false,
           *           "kpis": [
           *             {
           *               "key": "revenue",
           *               "kind": "money",
           *               "value": "1234567.89",
           *               "previous": "1100000.00",
           *               "change": 0.1223
           *             }
           *           ],
           *           "warnings": [
           *             {
           *               "code": "unconverted-sales",
           *               "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *               "currency": "USD",
           *               "salesCount": 3,
           *               "amount": "360.00",
           *               "firstDay": "2026-01-02",
           *               "lastDay": "2026-01-05",
           *               "sales": [
           *                 {
           *                   "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *                   "externalId": "INV-536365",
           *                   "soldAt": "2026-11-20T10:15:00.000Z",
           *                   "amount": "120.00"
           *                 }
           *               ]
           *             }
           *           ],
           *           "subject": "Основная воронка",
           *           "selection": {
           *             "clients": 3,
           *             "clientIds": [
           *               "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *             ],
           *             "currencies": [
           *               "USD"
           *             ],
           *             "statuses": [
           *               "paid",
           *               "refunded"
           *             ]
           *           }
           *         },
           *         "tables": [
           *           {
           *             "key": "top-clients",
           *             "columns": [
           *               {
           *                 "key": "revenue",
           *                 "type": "money"
           *               }
           *             ],
           *             "rows": [
           *               [
           *                 "2025-01-01",
           *                 "125000.00",
           *                 42
           *               ]
           *             ],
           *             "totalRows": 12
           *           }
           *         ],
           *         "charts": [
           *           {
           *             "key": "trend",
           *             "kind": "line",
           *             "unit": "money",
           *             "granularity": "month",
           *             "series": [
           *               {
           *                 "key": "actual",
           *                 "points": [
           *                   {
           *                     "x": "2025-01-01",
           *                     "y": 125000,
           *                     "lower80": 1,
           *                     "upper80": 1,
           *                     "lower95": 1,
           *                     "upper95": 1,
           *                     "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *                   }
           *                 ]
           *               }
           *             ]
           *           }
           *         ],
           *         "insights": [
           *           {
           *             "code": "revenue-up",
           *             "tone": "positive",
           *             "text": "Выручка выросла на 12,2% к предыдущему периоду: 1 234 567,89 ₽ против 1 100 000,00 ₽.",
           *             "textEn": "Revenue rose 12.2% on the previous period: RUB 1,234,567.89 against RUB 1,100,000.00.",
           *             "figures": {
           *               "revenue": "1234567.89",
           *               "previous": "1100000.00",
           *               "change": 0.1223
           *             },
           *             "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           }
           *         ],
           *         "narrator": "rules"
           *       },
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "type": "sales-overview",
           *       "title": "Продажи за 2025 год",
           *       "params": {
           *         "type": "sales-overview",
           *         "from": "2025-01-01",
           *         "to": "2025-12-31",
           *         "preset": "this-month",
           *         "currency": "RUB",
           *         "filters": {
           *           "pipelineId": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *           "statuses": [
           *             "paid"
           *           ],
           *           "currencies": [
           *             "RUB"
           *           ],
           *           "clientIds": [
           *             "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           ],
           *           "segment": "at_risk",
           *           "amountMin": "1000.00",
           *           "amountMax": "50000.00"
           *         }
           *       },
           *       "status": "ready",
           *       "progress": 1,
           *       "createdBy": {
           *         "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *         "login": "anna.petrova"
           *       },
           *       "sharedWith": {
           *         "company": false,
           *         "users": [
           *           {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           }
           *         ]
           *       },
           *       "createdAt": "2026-11-20T10:15:00.000Z",
           *       "updatedAt": "2026-11-20T10:15:00.000Z",
           *       "scheduled": false,
           *       "canManage": true
           *     }
           */
          'application/json': components['schemas']['ReportResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_runs: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "status": "ready",
           *           "scheduledFor": "2026-12-07T06:00:00.000Z",
           *           "createdAt": "2026-12-07T06:00:00.000Z",
           *           "generatedAt": null,
           *           "from": "2026-11-30",
           *           "to": "2026-12-06",
           *           "noData": false,
           *           "delivery": "in-app",
           *           "mailedTo": [
           *             "anna@example.ru"
           *           ],
           *           "error": null
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ReportRunsResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_putSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "frequency": "weekly",
         *       "weekday": 1,
         *       "dayOfMonth": 1,
         *       "time": "09:00",
         *       "recipients": [
         *         "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"
         *       ]
         *     }
         */
        'application/json': components['schemas']['PutReportScheduleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "frequency": "weekly",
           *       "weekday": 1,
           *       "dayOfMonth": null,
           *       "time": "09:00",
           *       "timeZone": "Europe/Moscow",
           *       "recipients": [
           *         {
           *           "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *           "login": "anna.petrova"
           *         }
           *       ],
           *       "nextRunAt": "2026-12-07T06:00:00.000Z",
           *       "lastRunAt": null
           *     }
           */
          'application/json': components['schemas']['ReportScheduleResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_deleteSchedule: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Stopped */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Reports_share: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "userIds": [
         *         "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10"
         *       ],
         *       "company": true
         *     }
         */
        'application/json': components['schemas']['ShareReportDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "snapshotId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "error": null,
           *       "stage": "forecast",
           *       "generatedAt": "2026-11-20T10:15:04.000Z",
           *       "schedule": {
           *         "frequency": "weekly",
           *         "weekday": 1,
           *         "dayOfMonth": null,
           *         "time": "09:00",
           *         "timeZone": "Europe/Moscow",
           *         "recipients": [
           *           {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           }
           *         ],
           *         "nextRunAt": "2026-12-07T06:00:00.000Z",
           *         "lastRunAt": null
           *       },
           *       "result": {
           *         "summary": {
           *           "currency": "RUB",
           *           "from": "2025-01-01",
           *           "to": "2025-12-31",
           *           "asOf": "2025-12-31",
           *           "noData": false,
           *           "kpis": [
           *             {
           *               "key": "revenue",
           *               "kind": "money",
           *               "value": "1234567.89",
           *               "previous": "1100000.00",
           *               "change": 0.1223
           *             }
           *           ],
           *           "warnings": [
           *             {
           *               "code": "unconverted-sales",
           *               "message": "3 sales in USD from 2026-01-02 to 2026-01-05 have no exchange rate to RUB and are left out",
           *               "currency": "USD",
           *               "salesCount": 3,
           *               "amount": "360.00",
           *               "firstDay": "2026-01-02",
           *               "lastDay": "2026-01-05",
           *               "sales": [
           *                 {
           *                   "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *                   "externalId": "INV-536365",
           *                   "soldAt": "2026-11-20T10:15:00.000Z",
           *                   "amount": "120.00"
           *                 }
           *               ]
           *             }
           *           ],
           *           "subject": "Основная воронка",
           *           "selection": {
           *             "clients": 3,
           *             "clientIds": [
           *               "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *             ],
           *             "currencies": [
           *               "USD"
           *             ],
           *             "statuses": [
           *               "paid",
           *               "refunded"
           *             ]
           *           }
           *         },
           *         "tables": [
           *           {
           *             "key": "top-clients",
           *             "columns": [
           *               {
           *                 "key": "revenue",
           *                 "type": "money"
           *               }
           *             ],
           *             "rows": [
           *               [
           *                 "2025-01-01",
           *                 "125000.00",
           *                 42
           *               ]
           *             ],
           *             "totalRows": 12
           *           }
           *         ],
           *         "charts": [
           *           {
           *             "key": "trend",
           *             "kind": "line",
           *             "unit": "money",
           *             "granularity": "month",
           *             "series": [
           *               {
           *                 "key": "actual",
           *                 "points": [
           *                   {
           *                     "x": "2025-01-01",
           *                     "y": 125000,
           *                     "lower80": 1,
           *                     "upper80": 1,
           *                     "lower95": 1,
           *                     "upper95": 1,
           *                     "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *                   }
           *                 ]
           *               }
           *             ]
           *           }
           *         ],
           *         "insights": [
           *           {
           *             "code": "revenue-up",
           *             "tone": "positive",
           *             "text": "Выручка выросла на 12,2% к предыдущему периоду: 1 234 567,89 ₽ против 1 100 000,00 ₽.",
           *             "textEn": "Revenue rose 12.2% on the previous period: RUB 1,234,567.89 against RUB 1,100,000.00.",
           *             "figures": {
           *               "revenue": "1234567.89",
           *               "previous": "1100000.00",
           *               "change": 0.1223
           *             },
           *             "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           }
           *         ],
           *         "narrator": "rules"
           *       },
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "type": "sales-overview",
           *       "title": "Продажи за 2025 год",
           *       "params": {
           *         "type": "sales-overview",
           *         "from": "2025-01-01",
           *         "to": "2025-12-31",
           *         "preset": "this-month",
           *         "currency": "RUB",
           *         "filters": {
           *           "pipelineId": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *           "statuses": [
           *             "paid"
           *           ],
           *           "currencies": [
           *             "RUB"
           *           ],
           *           "clientIds": [
           *             "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *           ],
           *           "segment": "at_risk",
           *           "amountMin": "1000.00",
           *           "amountMax": "50000.00"
           *         }
           *       },
           *       "status": "ready",
           *       "progress": 1,
           *       "createdBy": {
           *         "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *         "login": "anna.petrova"
           *       },
           *       "sharedWith": {
           *         "company": false,
           *         "users": [
           *           {
           *             "id": "0193f7a4-5f0e-7c3a-9a51-2b1f1d8e4c10",
           *             "login": "anna.petrova"
           *           }
           *         ]
           *       },
           *       "createdAt": "2026-11-20T10:15:00.000Z",
           *       "updatedAt": "2026-11-20T10:15:00.000Z",
           *       "scheduled": false,
           *       "canManage": true
           *     }
           */
          'application/json': components['schemas']['ReportResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Authenticated but not allowed */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 403,
           *       "error": "Forbidden",
           *       "message": "Only an owner or admin may do this"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Sales_list: {
    parameters: {
      query?: {
        /** @description Amount at most this (in the sale's own currency). */
        amountMax?: string;
        /** @description Amount at least this (in the sale's own currency). */
        amountMin?: string;
        clientId?: string;
        currency?: string;
        /** @description Sold on or after this day (company time zone). */
        from?: string;
        /** @description Only sales (`sale`) or only returns (`return`). */
        kind?: 'sale' | 'return';
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        /** @description Free-text search, case-insensitive. */
        q?: string;
        /**
         * @description A field, descending with `-`. Default `-soldAt`. `amount` orders by the amount in the company's
         *     base currency at the rate in force on the sale's day; sales with no rate in force come last.
         */
        sort?: 'soldAt' | '-soldAt' | 'amount' | '-amount' | 'createdAt' | '-createdAt';
        status?: 'pending' | 'paid' | 'cancelled' | 'refunded';
        /** @description Sold on or before this day (company time zone). */
        to?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "client": {
           *             "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *             "externalId": "C-10042",
           *             "email": "ivan.petrov@example.ru",
           *             "name": "Иван Петров"
           *           },
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "INV-536365",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "amount": "1234.50",
           *           "currency": "RUB",
           *           "soldAt": "2026-11-20T07:15:00.000Z",
           *           "status": "paid",
           *           "kind": "sale",
           *           "returnOf": null,
           *           "items": [
           *             {
           *               "sku": "85123A",
           *               "name": "Подсвечник «Сердце»",
           *               "quantity": 6,
           *               "unitPrice": "255.00"
           *             }
           *           ],
           *           "createdAt": "2026-11-20T07:16:00.000Z",
           *           "updatedAt": "2026-11-20T07:16:00.000Z"
           *         }
           *       ],
           *       "total": 1234,
           *       "page": 1,
           *       "pageSize": 50
           *     }
           */
          'application/json': components['schemas']['SalePageResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Sales_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "externalId": "INV-536365",
         *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
         *       "amount": "1234.50",
         *       "currency": "RUB",
         *       "soldAt": "2026-11-20T10:15:00+03:00",
         *       "kind": "sale",
         *       "returnOf": null,
         *       "status": "paid",
         *       "items": [
         *         {
         *           "sku": "85123A",
         *           "name": "Подсвечник «Сердце»",
         *           "quantity": 6,
         *           "unitPrice": "255.00"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['CreateSaleDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "client": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "externalId": "C-10042",
           *         "email": "ivan.petrov@example.ru",
           *         "name": "Иван Петров"
           *       },
           *       "returns": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "INV-536365",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "amount": "1234.50",
           *           "currency": "RUB",
           *           "soldAt": "2026-11-20T07:15:00.000Z",
           *           "status": "paid",
           *           "kind": "sale",
           *           "returnOf": null,
           *           "items": [
           *             {
           *               "sku": "85123A",
           *               "name": "Подсвечник «Сердце»",
           *               "quantity": 6,
           *               "unitPrice": "255.00"
           *             }
           *           ],
           *           "createdAt": "2026-11-20T07:16:00.000Z",
           *           "updatedAt": "2026-11-20T07:16:00.000Z"
           *         }
           *       ],
           *       "original": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "externalId": "INV-536365",
           *         "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "amount": "1234.50",
           *         "currency": "RUB",
           *         "soldAt": "2026-11-20T07:15:00.000Z",
           *         "status": "paid",
           *         "kind": "sale",
           *         "returnOf": null,
           *         "items": [
           *           {
           *             "sku": "85123A",
           *             "name": "Подсвечник «Сердце»",
           *             "quantity": 6,
           *             "unitPrice": "255.00"
           *           }
           *         ],
           *         "createdAt": "2026-11-20T07:16:00.000Z",
           *         "updatedAt": "2026-11-20T07:16:00.000Z"
           *       },
           *       "warnings": [
           *         "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *       ],
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "INV-536365",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "amount": "1234.50",
           *       "currency": "RUB",
           *       "soldAt": "2026-11-20T07:15:00.000Z",
           *       "status": "paid",
           *       "kind": "sale",
           *       "returnOf": null,
           *       "items": [
           *         {
           *           "sku": "85123A",
           *           "name": "Подсвечник «Сердце»",
           *           "quantity": 6,
           *           "unitPrice": "255.00"
           *         }
           *       ],
           *       "createdAt": "2026-11-20T07:16:00.000Z",
           *       "updatedAt": "2026-11-20T07:16:00.000Z"
           *     }
           */
          'application/json': components['schemas']['SaleDetailResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Sales_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        saleId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "client": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "externalId": "C-10042",
           *         "email": "ivan.petrov@example.ru",
           *         "name": "Иван Петров"
           *       },
           *       "returns": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "INV-536365",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "amount": "1234.50",
           *           "currency": "RUB",
           *           "soldAt": "2026-11-20T07:15:00.000Z",
           *           "status": "paid",
           *           "kind": "sale",
           *           "returnOf": null,
           *           "items": [
           *             {
           *               "sku": "85123A",
           *               "name": "Подсвечник «Сердце»",
           *               "quantity": 6,
           *               "unitPrice": "255.00"
           *             }
           *           ],
           *           "createdAt": "2026-11-20T07:16:00.000Z",
           *           "updatedAt": "2026-11-20T07:16:00.000Z"
           *         }
           *       ],
           *       "original": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "externalId": "INV-536365",
           *         "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "amount": "1234.50",
           *         "currency": "RUB",
           *         "soldAt": "2026-11-20T07:15:00.000Z",
           *         "status": "paid",
           *         "kind": "sale",
           *         "returnOf": null,
           *         "items": [
           *           {
           *             "sku": "85123A",
           *             "name": "Подсвечник «Сердце»",
           *             "quantity": 6,
           *             "unitPrice": "255.00"
           *           }
           *         ],
           *         "createdAt": "2026-11-20T07:16:00.000Z",
           *         "updatedAt": "2026-11-20T07:16:00.000Z"
           *       },
           *       "warnings": [
           *         "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *       ],
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "INV-536365",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "amount": "1234.50",
           *       "currency": "RUB",
           *       "soldAt": "2026-11-20T07:15:00.000Z",
           *       "status": "paid",
           *       "kind": "sale",
           *       "returnOf": null,
           *       "items": [
           *         {
           *           "sku": "85123A",
           *           "name": "Подсвечник «Сердце»",
           *           "quantity": 6,
           *           "unitPrice": "255.00"
           *         }
           *       ],
           *       "createdAt": "2026-11-20T07:16:00.000Z",
           *       "updatedAt": "2026-11-20T07:16:00.000Z"
           *     }
           */
          'application/json': components['schemas']['SaleDetailResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Sales_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        saleId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Sales_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        saleId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "externalId": "INV-536365",
         *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
         *       "amount": "1234.50",
         *       "currency": "RUB",
         *       "soldAt": "2026-11-20T10:15:00+03:00",
         *       "status": "refunded",
         *       "items": [
         *         {
         *           "sku": "85123A",
         *           "name": "Подсвечник «Сердце»",
         *           "quantity": 6,
         *           "unitPrice": "255.00"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['UpdateSaleDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "client": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "externalId": "C-10042",
           *         "email": "ivan.petrov@example.ru",
           *         "name": "Иван Петров"
           *       },
           *       "returns": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "INV-536365",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "amount": "1234.50",
           *           "currency": "RUB",
           *           "soldAt": "2026-11-20T07:15:00.000Z",
           *           "status": "paid",
           *           "kind": "sale",
           *           "returnOf": null,
           *           "items": [
           *             {
           *               "sku": "85123A",
           *               "name": "Подсвечник «Сердце»",
           *               "quantity": 6,
           *               "unitPrice": "255.00"
           *             }
           *           ],
           *           "createdAt": "2026-11-20T07:16:00.000Z",
           *           "updatedAt": "2026-11-20T07:16:00.000Z"
           *         }
           *       ],
           *       "original": {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "externalId": "INV-536365",
           *         "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "amount": "1234.50",
           *         "currency": "RUB",
           *         "soldAt": "2026-11-20T07:15:00.000Z",
           *         "status": "paid",
           *         "kind": "sale",
           *         "returnOf": null,
           *         "items": [
           *           {
           *             "sku": "85123A",
           *             "name": "Подсвечник «Сердце»",
           *             "quantity": 6,
           *             "unitPrice": "255.00"
           *           }
           *         ],
           *         "createdAt": "2026-11-20T07:16:00.000Z",
           *         "updatedAt": "2026-11-20T07:16:00.000Z"
           *       },
           *       "warnings": [
           *         "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
           *       ],
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "externalId": "INV-536365",
           *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "amount": "1234.50",
           *       "currency": "RUB",
           *       "soldAt": "2026-11-20T07:15:00.000Z",
           *       "status": "paid",
           *       "kind": "sale",
           *       "returnOf": null,
           *       "items": [
           *         {
           *           "sku": "85123A",
           *           "name": "Подсвечник «Сердце»",
           *           "quantity": 6,
           *           "unitPrice": "255.00"
           *         }
           *       ],
           *       "createdAt": "2026-11-20T07:16:00.000Z",
           *       "updatedAt": "2026-11-20T07:16:00.000Z"
           *     }
           */
          'application/json': components['schemas']['SaleDetailResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Conflict with the current state */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 409,
           *       "error": "Conflict",
           *       "message": "externalId is already used in this company"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Tasks_list: {
    parameters: {
      query?: {
        assigneeId?: string;
        clientId?: string;
        dealId?: string;
        done?: boolean;
        /** @description In the company's time zone. */
        due?: 'overdue' | 'today' | 'week';
        /** @description 1-based page number, at most 1,000,000 (a larger offset overflows the database's). */
        page?: number;
        /** @description Rows per page, at most 200. */
        pageSize?: number;
        /** @description Free-text search, case-insensitive. */
        q?: string;
      };
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "title": "Отправить коммерческое предложение",
           *           "type": "email",
           *           "dueAt": "2026-12-03T12:00:00.000Z",
           *           "overdue": false,
           *           "assigneeId": null,
           *           "assigneeName": "anna.petrova",
           *           "dealId": null,
           *           "dealTitle": "Поставка 200 свечей",
           *           "clientId": null,
           *           "clientName": "Иван Петров",
           *           "done": false,
           *           "doneAt": null,
           *           "createdBy": null,
           *           "createdAt": "2026-12-01T08:00:00.000Z",
           *           "updatedAt": "2026-12-01T08:00:00.000Z"
           *         }
           *       ],
           *       "total": 12,
           *       "page": 1,
           *       "pageSize": 50
           *     }
           */
          'application/json': components['schemas']['TaskPageResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Tasks_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "title": "Отправить коммерческое предложение",
         *       "type": "email",
         *       "dueAt": "2026-12-03T15:00:00+03:00",
         *       "dealId": "7d4c3b2a-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
         *       "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10"
         *     }
         */
        'application/json': components['schemas']['CreateTaskDto'];
      };
    };
    responses: {
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "title": "Отправить коммерческое предложение",
           *       "type": "email",
           *       "dueAt": "2026-12-03T12:00:00.000Z",
           *       "overdue": false,
           *       "assigneeId": null,
           *       "assigneeName": "anna.petrova",
           *       "dealId": null,
           *       "dealTitle": "Поставка 200 свечей",
           *       "clientId": null,
           *       "clientName": "Иван Петров",
           *       "done": false,
           *       "doneAt": null,
           *       "createdBy": null,
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['TaskResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Tasks_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        taskId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "title": "Отправить коммерческое предложение",
           *       "type": "email",
           *       "dueAt": "2026-12-03T12:00:00.000Z",
           *       "overdue": false,
           *       "assigneeId": null,
           *       "assigneeName": "anna.petrova",
           *       "dealId": null,
           *       "dealTitle": "Поставка 200 свечей",
           *       "clientId": null,
           *       "clientName": "Иван Петров",
           *       "done": false,
           *       "doneAt": null,
           *       "createdBy": null,
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['TaskResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Tasks_remove: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        taskId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Deleted */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Tasks_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        /** @description A company the caller is a member of */
        companyId: string;
        taskId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "title": "Отправить счёт",
         *       "dueAt": "2026-12-04T10:00:00+03:00",
         *       "done": true
         *     }
         */
        'application/json': components['schemas']['UpdateTaskDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "title": "Отправить коммерческое предложение",
           *       "type": "email",
           *       "dueAt": "2026-12-03T12:00:00.000Z",
           *       "overdue": false,
           *       "assigneeId": null,
           *       "assigneeName": "anna.petrova",
           *       "dealId": null,
           *       "dealTitle": "Поставка 200 свечей",
           *       "clientId": null,
           *       "clientName": "Иван Петров",
           *       "done": false,
           *       "doneAt": null,
           *       "createdBy": null,
           *       "createdAt": "2026-12-01T08:00:00.000Z",
           *       "updatedAt": "2026-12-01T08:00:00.000Z"
           *     }
           */
          'application/json': components['schemas']['TaskResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  Health_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description `replica` only when DATABASE_READ_URL is set */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok",
           *       "database": "up",
           *       "replica": {
           *         "state": "up",
           *         "lagBytes": 0
           *       }
           *     }
           */
          'application/json': unknown;
        };
      };
      /** @description The database does not answer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Health_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok"
           *     }
           */
          'application/json': unknown;
        };
      };
    };
  };
  Health_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description `replica` only when DATABASE_READ_URL is set; a replica that is down leaves the API ready */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "status": "ok",
           *       "database": "up",
           *       "replica": {
           *         "state": "up",
           *         "lagBytes": 0
           *       }
           *     }
           */
          'application/json': unknown;
        };
      };
      /** @description Shutting down, or the database does not answer */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Me_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "login": "anna.petrova",
           *       "companies": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "name": "ООО Ромашка",
           *           "role": "owner"
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['MeResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  MyInvitations_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example [
           *       {
           *         "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *         "company": {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "name": "ООО Ромашка"
           *         },
           *         "role": "member",
           *         "invitedBy": "anna",
           *         "createdAt": "2026-12-01T10:15:00.000Z",
           *         "expiresAt": "2026-12-15T10:15:00.000Z"
           *       }
           *     ]
           */
          'application/json': components['schemas']['MyInvitationResponse'][];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  MyInvitations_accept: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        invitationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *       "name": "ООО Ромашка",
           *       "role": "owner"
           *     }
           */
          'application/json': components['schemas']['CompanyMembershipResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  MyInvitations_decline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        invitationId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Declined */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Not found, or belongs to another company */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 404,
           *       "error": "Not Found",
           *       "message": "Not found"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientsIntegration_feed: {
    parameters: {
      query?: {
        /** @description `nextCursor` of the previous page; opaque. */
        cursor?: string;
        /** @description Only the row with this externalId. */
        externalId?: string;
        /** @description Rows per page, 1–1000, default 100. */
        limit?: number;
        /** @description Only rows changed at or after this instant (ISO 8601 with offset). */
        updatedSince?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "C-10042",
           *           "email": "ivan.petrov@example.ru",
           *           "name": "Иван Петров",
           *           "phone": "+7 900 123-45-67",
           *           "activity": "Розничная торговля",
           *           "attributes": {
           *             "city": "Казань",
           *             "segment": "B2C"
           *           },
           *           "lastInteractionAt": "2026-11-20T07:15:00.000Z",
           *           "createdAt": "2026-11-01T08:00:00.000Z",
           *           "updatedAt": "2026-11-20T07:16:00.000Z"
           *         }
           *       ],
           *       "nextCursor": "djI6MTAwNDI6M2YwYzJhOWUtNmMxZC00YzU1LTliNTctMGQ3YjllMWIyZjEw"
           *     }
           */
          'application/json': components['schemas']['ClientFeedResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  ClientsIntegration_upsert: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "items": [
         *         {
         *           "externalId": "C-10042",
         *           "name": "Иван Петров",
         *           "email": "ivan.petrov@example.ru",
         *           "phone": "+7 900 123-45-67",
         *           "attributes": {
         *             "city": "Казань",
         *             "segment": "B2C"
         *           }
         *         },
         *         {
         *           "externalId": "C-10043",
         *           "name": "ООО «Вектор»",
         *           "email": "not an e-mail"
         *         },
         *         {
         *           "externalId": "C-10044",
         *           "name": "Мария Соколова",
         *           "activity": null
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['ClientBatchDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "created": 1,
           *       "updated": 1,
           *       "unchanged": 0,
           *       "failed": [
           *         {
           *           "index": 1,
           *           "externalId": "C-10043",
           *           "errors": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['BatchResultResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Body above 10mb or batch above 5,000 items */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "message": "A batch holds at most 5000 items; this one has 5200. Send it in parts."
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  CompanyIntegration_company: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "id": "0b8f2f5e-5c7e-4f3e-9a3e-2b1d9b8f7c6a",
           *       "name": "ООО Ромашка",
           *       "baseCurrency": "RUB",
           *       "timeZone": "Europe/Moscow"
           *     }
           */
          'application/json': components['schemas']['CompanyResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealsIntegration_list: {
    parameters: {
      query?: {
        /** @description `nextCursor` of the previous page; opaque. */
        cursor?: string;
        /** @description Only the row with this externalId. */
        externalId?: string;
        /** @description Rows per page, 1–1000, default 100. */
        limit?: number;
        /** @description Only rows changed at or after this instant (ISO 8601 with offset). */
        updatedSince?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "externalId": "ORD-1001",
           *           "title": "Поставка 200 свечей",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "clientName": "Иван Петров",
           *           "amount": "150000.00",
           *           "currency": "RUB",
           *           "pipelineId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "stageId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "stageName": "Предложение",
           *           "ownerId": null,
           *           "ownerName": "anna.petrova",
           *           "expectedCloseDate": "2026-12-31",
           *           "probability": 50,
           *           "probabilityOverridden": false,
           *           "status": "open",
           *           "lostReason": null,
           *           "saleId": null,
           *           "source": "Сайт",
           *           "nextStep": {
           *             "title": "Позвонить и обсудить скидку",
           *             "dueAt": "2026-12-05T09:00:00.000Z"
           *           },
           *           "stageEnteredAt": "2026-12-01T08:00:00.000Z",
           *           "closedAt": null,
           *           "createdAt": "2026-12-01T08:00:00.000Z",
           *           "updatedAt": "2026-12-01T08:00:00.000Z",
           *           "clientExternalId": "C-10042",
           *           "pipelineName": "Воронка продаж"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['DealFeedResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  DealsIntegration_upsert: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "items": [
         *         {
         *           "externalId": "ORD-1001",
         *           "clientExternalId": "C-10042",
         *           "title": "Заказ с сайта №1001",
         *           "amount": "15000.00",
         *           "currency": "RUB",
         *           "pipeline": "Воронка продаж",
         *           "stage": "Новая",
         *           "expectedCloseDate": "2026-12-31",
         *           "source": "Сайт",
         *           "lostReason": "Дорого"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['DealBatchDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "created": 120,
           *       "updated": 3,
           *       "unchanged": 4877,
           *       "failed": [
           *         {
           *           "index": 3,
           *           "externalId": "C-10045",
           *           "errors": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ],
           *       "warnings": [
           *         {
           *           "index": 7,
           *           "externalId": "INV-536370",
           *           "warnings": [
           *             "amount 100.00 differs from the items total 102.50"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['BatchResultResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Body above 10mb or batch above 5,000 items */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "message": "A batch holds at most 5000 items; this one has 5200. Send it in parts."
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  SalesIntegration_feed: {
    parameters: {
      query?: {
        /** @description `nextCursor` of the previous page; opaque. */
        cursor?: string;
        /** @description Only the row with this externalId. */
        externalId?: string;
        /** @description Rows per page, 1–1000, default 100. */
        limit?: number;
        /** @description Only rows changed at or after this instant (ISO 8601 with offset). */
        updatedSince?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "9b2d7c1e-4f3a-4e8b-8c6d-1a2b3c4d5e6f",
           *           "externalId": "INV-536365",
           *           "clientId": "3f0c2a9e-6c1d-4c55-9b57-0d7b9e1b2f10",
           *           "clientExternalId": "C-10042",
           *           "amount": "1530.00",
           *           "currency": "RUB",
           *           "soldAt": "2026-11-20T07:15:00.000Z",
           *           "status": "paid",
           *           "kind": "sale",
           *           "returnOf": null,
           *           "items": [
           *             {
           *               "sku": "85123A",
           *               "name": "Подсвечник «Сердце»",
           *               "quantity": 6,
           *               "unitPrice": "255.00"
           *             }
           *           ],
           *           "createdAt": "2026-11-20T07:16:00.000Z",
           *           "updatedAt": "2026-11-20T07:16:00.000Z"
           *         }
           *       ],
           *       "nextCursor": null
           *     }
           */
          'application/json': components['schemas']['SaleFeedResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
  SalesIntegration_upsert: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        /**
         * @example {
         *       "items": [
         *         {
         *           "externalId": "INV-536365",
         *           "clientExternalId": "C-10042",
         *           "amount": "1530.00",
         *           "currency": "RUB",
         *           "soldAt": "2026-11-20T10:15:00+03:00",
         *           "status": "paid",
         *           "items": [
         *             {
         *               "sku": "85123A",
         *               "name": "Подсвечник «Сердце»",
         *               "quantity": 6,
         *               "unitPrice": "255.00"
         *             }
         *           ]
         *         },
         *         {
         *           "externalId": "INV-536366",
         *           "clientExternalId": "C-99999",
         *           "amount": "19.90",
         *           "currency": "USD",
         *           "soldAt": "2026-11-20T11:00:00Z"
         *         }
         *       ]
         *     }
         */
        'application/json': components['schemas']['SaleBatchDto'];
      };
    };
    responses: {
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "created": 1,
           *       "updated": 0,
           *       "unchanged": 0,
           *       "failed": [
           *         {
           *           "index": 1,
           *           "externalId": "INV-536366",
           *           "errors": [
           *             "clientExternalId is not a client of this company"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['BatchResultResponse'];
        };
      };
      /** @description Invalid input; `details` names each bad field */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 400,
           *       "error": "Bad Request",
           *       "message": "Validation failed",
           *       "details": [
           *         {
           *           "field": "email",
           *           "messages": [
           *             "email must look like name@domain"
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Missing or invalid credentials */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 401,
           *       "error": "Unauthorized",
           *       "message": "Missing or invalid credentials"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Body above 10mb or batch above 5,000 items */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 413,
           *       "error": "Payload Too Large",
           *       "message": "A batch holds at most 5000 items; this one has 5200. Send it in parts."
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
      /** @description Rate limited; retry after `Retry-After` seconds */
      429: {
        headers: {
          /** @description Seconds to wait before sending the request again */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          /**
           * @example {
           *       "statusCode": 429,
           *       "error": "Too Many Requests",
           *       "message": "Rate limit of this API key exceeded; retry in 17 s"
           *     }
           */
          'application/json': components['schemas']['ErrorResponse'];
        };
      };
    };
  };
}
