import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import {
  AdminUser,
  AdminUserList,
  CreateAdminUserBody,
  CreateStoreBody,
  Store,
  StoreAdminParams,
  StoreList,
  UpdateAdminUserBody,
  UpdateStoreBody,
} from '../../../contract/stores.js';
import type { RoutesOptions } from '../../services.js';

/** Super-admin: every store of the installation and its owner/manager accounts. */
export const storesRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { stores, users } = services;

  const storeTags = ['superadmin: stores'];
  const adminTags = ['superadmin: store admins'];

  app.get(
    '/superadmin/stores',
    {
      config: { access: 'superadmin' },
      schema: { tags: storeTags, summary: 'List every store', response: { 200: StoreList } },
    },
    async () => ({ stores: await stores.list() }),
  );

  app.post(
    '/superadmin/stores',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: storeTags,
        summary: 'Create a store (timezone defaults to Asia/Seoul)',
        body: CreateStoreBody,
        response: { 201: Store, 409: ErrorResponse.describe('DUPLICATE store code') },
      },
    },
    async (request, reply) => reply.code(201).send(await stores.create(request.body)),
  );

  app.patch(
    '/superadmin/stores/:id',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: storeTags,
        summary: 'Update a store; isActive:false stops its admins and tablets from signing in or using their tokens',
        params: IdParams,
        body: UpdateStoreBody,
        response: { 200: Store, 404: ErrorResponse, 409: ErrorResponse.describe('DUPLICATE store code') },
      },
    },
    async (request) => stores.update(request.params.id, request.body),
  );

  app.get(
    '/superadmin/stores/:id/admins',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: adminTags,
        summary: "List a store's owner and manager accounts",
        params: IdParams,
        response: { 200: AdminUserList, 404: ErrorResponse },
      },
    },
    async (request) => {
      const store = await stores.get(request.params.id);
      return { users: await users.list(store.id) };
    },
  );

  app.post(
    '/superadmin/stores/:id/admins',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: adminTags,
        summary: 'Create an owner or manager account for a store',
        params: IdParams,
        body: CreateAdminUserBody,
        response: { 201: AdminUser, 404: ErrorResponse, 409: ErrorResponse.describe('DUPLICATE username') },
      },
    },
    async (request, reply) => {
      const store = await stores.get(request.params.id);
      return reply.code(201).send(await users.create(store.id, request.body));
    },
  );

  app.patch(
    '/superadmin/stores/:id/admins/:adminId',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: adminTags,
        summary: "Change an account's username or role, or reset its password (signs it out everywhere)",
        params: StoreAdminParams,
        body: UpdateAdminUserBody,
        response: {
          200: AdminUser,
          404: ErrorResponse,
          409: ErrorResponse.describe('DUPLICATE username, or LAST_OWNER when demoting the only owner'),
        },
      },
    },
    async (request) => users.update(request.params.id, request.params.adminId, request.body),
  );

  app.delete(
    '/superadmin/stores/:id/admins/:adminId',
    {
      config: { access: 'superadmin' },
      schema: {
        tags: adminTags,
        summary: "Delete a store's account (not its last owner); its tokens stop working",
        params: StoreAdminParams,
        response: { 204: z.null().describe('Deleted'), 404: ErrorResponse, 409: ErrorResponse.describe('LAST_OWNER') },
      },
    },
    async (request, reply) => {
      await users.remove(request.params.id, request.params.adminId);
      return reply.code(204).send(null);
    },
  );
};
