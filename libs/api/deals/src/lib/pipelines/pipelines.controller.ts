import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UsePipes } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CompanyRoute, Roles } from '@crm/api/companies';
import { ApiErrors, type CompanyScope, Scope, StorableTextPipe } from '@crm/api/core';
import {
  CreatePipelineDto,
  CreateStageDto,
  DeleteStageQueryDto,
  PipelineResponse,
  UpdatePipelineDto,
  UpdateStageDto,
} from '@crm/shared/contracts';
import { pipelineIdPipe, stageIdPipe } from '../ids';
import { PipelinesService } from './pipelines.service';

/** Sales pipelines and their stages: every member reads them, owners and admins change them. */
@ApiTags('pipelines')
@CompanyRoute()
@UsePipes(StorableTextPipe)
@Controller('companies/:companyId/pipelines')
export class PipelinesController {
  constructor(private readonly pipelines: PipelinesService) {}

  @Get()
  @ApiOperation({ summary: 'The company’s pipelines in order, each with its stages and the deals in each stage' })
  @ApiOkResponse({ type: [PipelineResponse] })
  list(@Scope() scope: CompanyScope): Promise<PipelineResponse[]> {
    return this.pipelines.list(scope);
  }

  @Post()
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Create a pipeline (owners and admins) with the given or the default stages' })
  @ApiCreatedResponse({ type: PipelineResponse })
  @ApiErrors(400, 403, 409)
  create(@Scope() scope: CompanyScope, @Body() dto: CreatePipelineDto): Promise<PipelineResponse> {
    return this.pipelines.create(scope, dto);
  }

  @Get(':pipelineId')
  @ApiOperation({ summary: 'A pipeline with its stages and the deals in each stage' })
  @ApiOkResponse({ type: PipelineResponse })
  get(
    @Scope() scope: CompanyScope,
    @Param('pipelineId', pipelineIdPipe) pipelineId: string,
  ): Promise<PipelineResponse> {
    return this.pipelines.get(scope, pipelineId);
  }

  @Patch(':pipelineId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Rename or reorder a pipeline (owners and admins); deals and history stay' })
  @ApiOkResponse({ type: PipelineResponse })
  @ApiErrors(400, 403, 409)
  update(
    @Scope() scope: CompanyScope,
    @Param('pipelineId', pipelineIdPipe) pipelineId: string,
    @Body() dto: UpdatePipelineDto,
  ): Promise<PipelineResponse> {
    return this.pipelines.update(scope, pipelineId, dto);
  }

  @Delete(':pipelineId')
  @Roles('owner', 'admin')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a pipeline without deals (owners and admins); 409 while it has deals' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(403, 409)
  async remove(@Scope() scope: CompanyScope, @Param('pipelineId', pipelineIdPipe) pipelineId: string): Promise<void> {
    await this.pipelines.remove(scope, pipelineId);
  }

  @Post(':pipelineId/stages')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Add a stage (owners and admins); answers the pipeline' })
  @ApiCreatedResponse({ type: PipelineResponse })
  @ApiErrors(400, 403, 409)
  addStage(
    @Scope() scope: CompanyScope,
    @Param('pipelineId', pipelineIdPipe) pipelineId: string,
    @Body() dto: CreateStageDto,
  ): Promise<PipelineResponse> {
    return this.pipelines.addStage(scope, pipelineId, dto);
  }

  @Patch(':pipelineId/stages/:stageId')
  @Roles('owner', 'admin')
  @ApiOperation({ summary: 'Rename, re-weigh or move a stage (owners and admins); answers the pipeline' })
  @ApiOkResponse({ type: PipelineResponse })
  @ApiErrors(400, 403, 409)
  updateStage(
    @Scope() scope: CompanyScope,
    @Param('pipelineId', pipelineIdPipe) pipelineId: string,
    @Param('stageId', stageIdPipe) stageId: string,
    @Body() dto: UpdateStageDto,
  ): Promise<PipelineResponse> {
    return this.pipelines.updateStage(scope, pipelineId, stageId, dto);
  }

  @Delete(':pipelineId/stages/:stageId')
  @Roles('owner', 'admin')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a stage (owners and admins); a stage with deals needs `?moveTo=stageId` (409 without)',
  })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(400, 403, 409)
  async removeStage(
    @Scope() scope: CompanyScope,
    @Param('pipelineId', pipelineIdPipe) pipelineId: string,
    @Param('stageId', stageIdPipe) stageId: string,
    @Query() query: DeleteStageQueryDto,
  ): Promise<void> {
    await this.pipelines.removeStage(scope, pipelineId, stageId, query.moveTo);
  }
}
