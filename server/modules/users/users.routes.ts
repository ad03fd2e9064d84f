import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, IdParams } from '../../../contract/common.js';
import { AdminUser, AdminUserList, CreateAdminUserBody, UpdateAdminUserBody } from '../../../contract/stores.js';
import type { RoutesOptions } from '../../services.js';
import { staffPrincipal } from '../auth/auth.guard.js';

const tags = ['admin: users'];

/** The store's own owner and manager accounts, managed by its owners (managers get 403). */
export const usersRoutes: FastifyPluginAsyncZod<RoutesOptions> = async (app, { services }) => {
  const { users } = services;

  app.get(
    '/admin/users',
    {
      config: { access: 'owner' },
      schema: { tags, summary: "List the store's owner and manager accounts", response: { 200: AdminUserList } },
    },
    async (request) => ({ users: await users.list(staffPrincipal(request).storeId) }),
  );

  app.post(
    '/admin/users',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'Create an owner or manager account',
        body: CreateAdminUserBody,
        response: { 201: AdminUser, 409: ErrorResponse.describe('DUPLICATE username in this store') },
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(staffPrincipal(request).storeId, request.body)),
  );

  app.patch(
    '/admin/users/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: "Change an account's username, role or password (a new password signs it out everywhere)",
        params: IdParams,
        body: UpdateAdminUserBody,
        response: {
          200: AdminUser,
          404: ErrorResponse,
          409: ErrorResponse.describe('DUPLICATE username, or LAST_OWNER when demoting the only owner'),
        },
      },
    },
    async (request) => users.update(staffPrincipal(request).storeId, request.params.id, request.body),
  );

  app.delete(
    '/admin/users/:id',
    {
      config: { access: 'owner' },
      schema: {
        tags,
        summary: 'Delete an account (not your own, not the last owner); its tokens stop working',
        params: IdParams,
        response: {
          204: z.null().describe('Deleted'),
          404: ErrorResponse,
          409: ErrorResponse.describe('CANNOT_DELETE_SELF or LAST_OWNER'),
        },
      },
    },
    async (request, reply) => {
      const principal = staffPrincipal(request);
      await users.remove(principal.storeId, request.params.id, { actorId: principal.adminId });
      return reply.code(204).send(null);
    },
  );
};
