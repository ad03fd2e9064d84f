import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import {
  Category,
  CategoryList,
  CreateCategoryBody,
  CreateMenuBody,
  CreateOptionGroupBody,
  Menu,
  MenuList,
  MenuListQuery,
  OptionGroup,
  OptionGroupList,
  ReorderMenusBody,
  TableMenu,
  UpdateCategoryBody,
  UpdateMenuBody,
  UpdateOptionGroupBody,
} from '../../../contract/menus.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal, tablePrincipal } from '../auth/auth.guard.js';
import { readUploadedFile } from './menus.upload.js';

const NoContent = z.null().describe('No content');

// Bump when the shape of the table menu changes, so tablets don't keep a stale format on a 304.
const MENU_FORMAT = 'm2';

const menuEtag = (storeId: string, version: number) => `"${MENU_FORMAT}.${storeId}.${version}"`;

/** If-None-Match as RFC 9110 compares it for GET: weakly (a proxy that gzips marks tags `W/`). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/** A 304 has no body: sending nothing also skips the serializer, which would write `null`. */
function notModified(reply: FastifyReply): FastifyReply {
  return reply.code(304).send();
}

/** Staff manage categories and dishes; tablets read the menu. */
export const menusRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { menus, categories, menuImages, optionGroups } = services;
  const tags = ['menus'];

  app.get(
    '/admin/categories',
    {
      config: { access: 'staff' },
      schema: { tags, summary: 'Categories in display order', response: { 200: CategoryList } },
    },
    async (request) => ({ categories: await categories.list(staffPrincipal(request).storeId) }),
  );

  app.post(
    '/admin/categories',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Create a category (placed last unless sortOrder is given); 409 DUPLICATE for a name in use',
        body: CreateCategoryBody,
        response: { 201: Category, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const category = await categories.create(staffPrincipal(request).storeId, request.body);
      return reply.code(201).send(category);
    },
  );

  app.patch(
    '/admin/categories/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Rename or move a category; 409 DUPLICATE for a name in use',
        params: IdParams,
        body: UpdateCategoryBody,
        response: { 200: Category, 409: ErrorResponse },
      },
    },
    async (request) => categories.update(staffPrincipal(request).storeId, request.params.id, request.body),
  );

  app.delete(
    '/admin/categories/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Delete an empty category (409 CATEGORY_NOT_EMPTY while it has dishes)',
        params: IdParams,
        response: { 204: NoContent, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await categories.remove(staffPrincipal(request).storeId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/menus',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Dishes in display order, optionally of one category',
        querystring: MenuListQuery,
        response: { 200: MenuList },
      },
    },
    async (request) => ({
      menus: await menus.list(staffPrincipal(request).storeId, { categoryId: request.query.categoryId }),
    }),
  );

  app.post(
    '/admin/menus',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Create a dish (placed last in its category unless sortOrder is given)',
        body: CreateMenuBody,
        response: { 201: Menu },
      },
    },
    async (request, reply) => {
      const menu = await menus.create(staffPrincipal(request).storeId, request.body);
      return reply.code(201).send(menu);
    },
  );

  // Registered before /admin/menus/:id so the static path is unambiguous to readers too.
  app.put(
    '/admin/menus/order',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: "Reorder a category's dishes: menuIds lists each of them exactly once",
        body: ReorderMenusBody,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await menus.reorder(staffPrincipal(request).storeId, request.body);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/admin/menus/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Change a dish (isAvailable:false marks it sold out)',
        params: IdParams,
        body: UpdateMenuBody,
        response: { 200: Menu },
      },
    },
    async (request) => menus.update(staffPrincipal(request).storeId, request.params.id, request.body),
  );

  app.delete(
    '/admin/menus/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Delete a dish (past orders keep their snapshots; its picture is removed)',
        params: IdParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await menus.remove(staffPrincipal(request).storeId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/admin/option-groups',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: "The store's option groups, each with its options in order",
        response: { 200: OptionGroupList },
      },
    },
    async (request) => ({ optionGroups: await optionGroups.list(staffPrincipal(request).storeId) }),
  );

  app.post(
    '/admin/option-groups',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Create an option group (맵기, 사이즈, 사리 추가) with its options in order',
        body: CreateOptionGroupBody,
        response: { 201: OptionGroup },
      },
    },
    async (request, reply) => {
      const group = await optionGroups.create(staffPrincipal(request).storeId, request.body);
      return reply.code(201).send(group);
    },
  );

  app.patch(
    '/admin/option-groups/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Change an option group; `options` replaces the list (options sent with their id keep it)',
        params: IdParams,
        body: UpdateOptionGroupBody,
        response: { 200: OptionGroup },
      },
    },
    async (request) => optionGroups.update(staffPrincipal(request).storeId, request.params.id, request.body),
  );

  app.delete(
    '/admin/option-groups/:id',
    {
      config: { access: 'staff' },
      schema: {
        tags,
        summary: 'Delete an option group (409 OPTION_GROUP_IN_USE while a dish offers it)',
        params: IdParams,
        response: { 204: NoContent, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      await optionGroups.remove(staffPrincipal(request).storeId, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/table/menu',
    {
      config: { access: 'table' },
      schema: {
        tags: ['table'],
        summary: 'The menu tablets show; ETag / If-None-Match answers 304 while it is unchanged',
        headers: z.object({ 'if-none-match': z.string().optional() }),
        response: { 200: TableMenu, 304: NoContent },
      },
    },
    async (request, reply) => {
      const { storeId } = tablePrincipal(request);
      // The version is read before the menu: the body is then at least as new as its ETag, so a
      // change landing in between costs one extra download, never a missed update.
      const version = await menus.version(storeId);
      const etag = menuEtag(storeId, version);
      reply.header('etag', etag).header('cache-control', 'private, no-cache');
      if (matchesEtag(request.headers['if-none-match'], etag)) return notModified(reply);
      // Sent as the text kept for this version: a string skips the per-request serializer.
      const json = await menus.tableMenuJson(storeId, version);
      return (reply as FastifyReply).type('application/json; charset=utf-8').send(json);
    },
  );

  // The only route that takes a multipart body: the parser is registered in its own scope.
  await app.register(async (upload) => {
    await upload.register(fastifyMultipart, { throwFileSizeLimit: true });
    upload.withTypeProvider<ZodTypeProvider>().post(
      '/admin/menus/:id/image',
      {
        config: { access: 'staff' },
        schema: {
          tags,
          summary: "Upload or replace a dish's picture",
          description:
            'multipart/form-data with one field `file`: a JPEG, PNG or WebP picture (recognised by its bytes) of at most 5 MB. ' +
            '413 when larger, 415 for any other content or a non-multipart body.',
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 200: Menu, 413: ErrorResponse, 415: ErrorResponse },
        },
      },
      async (request) => {
        const { storeId } = staffPrincipal(request);
        await menuImages.assertMenu(storeId, request.params.id);
        const bytes = await readUploadedFile(request);
        return menuImages.attach(storeId, request.params.id, bytes);
      },
    );
  });
};
