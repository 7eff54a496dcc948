import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CompanyRoute } from '@crm/api/companies';
import { ApiErrors, type AuthenticatedUser, type CompanyScope, CurrentUser, pathIdPipe, Scope } from '@crm/api/core';
import {
  AssistantActionResponse,
  AssistantChatDto,
  AssistantChatResponse,
  AssistantConversationDetailResponse,
  AssistantConversationListResponse,
  AssistantConversationResponse,
  type AssistantLocale,
  AssistantRecommendationsResponse,
  AssistantStatusResponse,
  RenameConversationDto,
} from '@crm/shared/contracts';
import type { Request, Response } from 'express';
import { AssistantService } from './assistant.service';
import { ConversationsService } from './conversations.service';
import { DailyRecommendationsService } from './daily-recommendations.service';
import { suggestions } from './planner';

const conversationIdPipe = pathIdPipe('conversation_not_found', 'Conversation not found');
const actionIdPipe = pathIdPipe('action_not_found', 'Action not found');

export const localeOf = (query: string | undefined, req: Request): AssistantLocale =>
  query === 'en' || query === 'ru' ? query : /^en/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'ru';

/**
 * The assistant: questions answered from the company's data through typed tools (by a model when one
 * is configured, by the offline planner otherwise), streamed or whole; the caller's conversations;
 * and the writes it proposed, carried out only on confirmation.
 */
@ApiTags('assistant')
@CompanyRoute()
@Controller('companies/:companyId/assistant')
export class AssistantController {
  constructor(
    private readonly assistant: AssistantService,
    private readonly conversations: ConversationsService,
    private readonly daily: DailyRecommendationsService,
  ) {}

  @Get('status')
  @ApiOperation({ summary: 'Which engine answers (`offline` or the model name) and suggested questions' })
  @ApiQuery({ name: 'locale', required: false, enum: ['ru', 'en'] })
  @ApiOkResponse({ type: AssistantStatusResponse })
  status(@Query('locale') locale: string | undefined, @Req() req: Request): AssistantStatusResponse {
    return { mode: this.assistant.mode, suggestions: suggestions(localeOf(locale, req)) };
  }

  @Get('recommendations')
  @ApiOperation({
    summary:
      "The assistant's top three recommendations for today from the customer models: a valuable client at risk to win back, a regular client due for a repeat purchase, a product to offer; each with its client, reason and numbers",
  })
  @ApiQuery({ name: 'locale', required: false, enum: ['ru', 'en'] })
  @ApiOkResponse({ type: AssistantRecommendationsResponse })
  recommendations(
    @Scope() scope: CompanyScope,
    @Query('locale') locale: string | undefined,
    @Req() req: Request,
  ): Promise<AssistantRecommendationsResponse> {
    return this.daily.today(scope, localeOf(locale, req));
  }

  @Post('chat')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ask a question; the whole answer with its tool calls, cited records, charts and proposed actions',
  })
  @ApiOkResponse({ type: AssistantChatResponse })
  @ApiErrors(400, 404, 429)
  async chat(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: AssistantChatDto,
    @Req() req: Request,
  ): Promise<AssistantChatResponse> {
    const prepared = await this.assistant.prepare(scope, user, dto);
    const controller = new AbortController();
    req.on('close', () => {
      if (req.socket.destroyed) controller.abort();
    });
    return this.assistant.run(scope, user, dto, prepared, {}, controller.signal);
  }

  @Post('chat/stream')
  @ApiOperation({
    summary:
      'Ask a question and receive the answer as Server-Sent Events: start, tool, tool_result, text, chart, action, done (the chat response), error. Closing the connection stops the run.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'text/event-stream' })
  @ApiErrors(400, 404, 429)
  async stream(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: AssistantChatDto,
    @Res() res: Response,
  ): Promise<void> {
    const prepared = await this.assistant.prepare(scope, user, dto);
    const controller = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    const send = (event: string, data: unknown) => {
      if (res.writableEnded || controller.signal.aborted) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    try {
      const response = await this.assistant.run(
        scope,
        user,
        dto,
        prepared,
        {
          start: (e) => send('start', e),
          tool: (e) => send('tool', e),
          toolResult: (e) => send('tool_result', e),
          text: (delta) => send('text', { delta }),
          chart: (c) => send('chart', c),
          table: (t) => send('table', t),
          action: (a) => send('action', a),
        },
        controller.signal,
      );
      send('done', response);
    } catch (error) {
      if (!controller.signal.aborted) {
        send('error', {
          message:
            prepared.locale === 'ru'
              ? 'Не удалось ответить. Попробуйте ещё раз.'
              : 'Could not answer. Please try again.',
        });
        // Logged by the service's logger path below.
        console.error(error);
      }
    } finally {
      if (!res.writableEnded) res.end();
    }
  }

  @Get('conversations')
  @ApiOperation({ summary: "The caller's conversations in this company, most recent first" })
  @ApiOkResponse({ type: AssistantConversationListResponse })
  async list(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<AssistantConversationListResponse> {
    return { items: await this.conversations.list(scope, user.id) };
  }

  @Get('conversations/:id')
  @ApiOperation({ summary: 'A conversation with its messages, tool calls, records, charts and actions' })
  @ApiOkResponse({ type: AssistantConversationDetailResponse })
  @ApiErrors(404)
  get(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', conversationIdPipe) id: string,
  ): Promise<AssistantConversationDetailResponse> {
    return this.conversations.get(scope, user.id, id);
  }

  @Patch('conversations/:id')
  @ApiOperation({ summary: 'Rename a conversation' })
  @ApiOkResponse({ type: AssistantConversationResponse })
  @ApiErrors(400, 404)
  rename(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', conversationIdPipe) id: string,
    @Body() dto: RenameConversationDto,
  ): Promise<AssistantConversationResponse> {
    return this.conversations.rename(scope, user.id, id, dto.title);
  }

  @Delete('conversations/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a conversation with its messages and pending proposals' })
  @ApiNoContentResponse()
  @ApiErrors(404)
  async remove(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('id', conversationIdPipe) id: string,
  ): Promise<void> {
    await this.conversations.remove(scope, user.id, id);
  }

  @Post('actions/:actionId/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Carry out a write the assistant proposed (a note, an interaction, a report or a task), as the caller',
  })
  @ApiOkResponse({ type: AssistantActionResponse })
  @ApiErrors(404, 409)
  confirm(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('actionId', actionIdPipe) actionId: string,
  ): Promise<AssistantActionResponse> {
    return this.assistant.decide(scope, user, actionId, 'confirm');
  }

  @Post('actions/:actionId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Drop a write the assistant proposed' })
  @ApiOkResponse({ type: AssistantActionResponse })
  @ApiErrors(404, 409)
  cancel(
    @Scope() scope: CompanyScope,
    @CurrentUser() user: AuthenticatedUser,
    @Param('actionId', actionIdPipe) actionId: string,
  ): Promise<AssistantActionResponse> {
    return this.assistant.decide(scope, user, actionId, 'cancel');
  }
}
