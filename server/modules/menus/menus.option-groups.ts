import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { ErrorCodes } from '../../../contract/errors.js';
import type { CreateOptionGroupBody, OptionGroup, UpdateOptionGroupBody } from '../../../contract/menus.js';
import type { Db, Queryable, Tx } from '../../db/client.js';
import { menuOptionGroups, menus, optionGroups, options } from '../../db/schema/index.js';
import type { Clock } from '../../lib/clock.js';
import { conflict, notFound, validationFailed } from '../../lib/errors.js';
import type { EventLog } from '../realtime/realtime.event-log.js';
import { readOptionGroups, toOptionGroup } from './menus.option-links.js';
import { menuChanged } from './menus.service.js';

type GroupRow = typeof optionGroups.$inferSelect;

const selectRangeError = (message: string, path = 'body.maxSelect') =>
  validationFailed(message, { fields: [{ path, message }] });

/** A group no guest could complete is refused: min..max must fit in the options it has. */
function checkRange(minSelect: number, maxSelect: number, optionCount: number): void {
  if (maxSelect < minSelect) throw selectRangeError('maxSelect must be at least minSelect');
  if (minSelect > optionCount) {
    throw selectRangeError(`minSelect ${minSelect} asks for more options than the group has`, 'body.minSelect');
  }
}

export function createOptionGroupsService(deps: { db: Db; events: EventLog; clock: Clock }) {
  const { db, events, clock } = deps;

  async function lockGroup(tx: Tx, storeId: string, id: string): Promise<GroupRow> {
    const [row] = await tx
      .select()
      .from(optionGroups)
      .where(and(eq(optionGroups.id, id), eq(optionGroups.storeId, storeId)))
      .for('update');
    if (!row) throw notFound('option group');
    return row;
  }

  async function readOne(q: Queryable, id: string): Promise<OptionGroup> {
    const [row] = await q.select().from(optionGroups).where(eq(optionGroups.id, id));
    if (!row) throw notFound('option group');
    const optionRows = await q.select().from(options).where(eq(options.groupId, id));
    return toOptionGroup(row, optionRows);
  }

  /**
   * Replaces a group's options with `input`, in order: an option sent with its id keeps it (carts
   * and the chooser refer to it), one without is new, and the group's other options are removed.
   * Orders keep their own snapshots, so a removed option changes no past order.
   */
  async function replaceOptions(
    tx: Tx,
    storeId: string,
    groupId: string,
    input: NonNullable<UpdateOptionGroupBody['options']>,
  ): Promise<void> {
    const current = await tx.select().from(options).where(eq(options.groupId, groupId));
    const byId = new Map(current.map((row) => [row.id, row]));
    const foreign = input.flatMap((option, index) => (option.id && !byId.has(option.id.toLowerCase()) ? [index] : []));
    if (foreign.length > 0) {
      throw validationFailed('options: an id is not an option of this group', {
        fields: foreign.map((index) => ({ path: `body.options.${index}.id`, message: 'not an option of this group' })),
      });
    }
    const kept = new Set(input.flatMap((option) => (option.id ? [option.id.toLowerCase()] : [])));
    const removed = current.filter((row) => !kept.has(row.id)).map((row) => row.id);
    if (removed.length > 0) await tx.delete(options).where(inArray(options.id, removed));
    for (const [sortOrder, option] of input.entries()) {
      const existing = option.id ? byId.get(option.id.toLowerCase()) : undefined;
      if (existing) {
        await tx
          .update(options)
          .set({
            name: option.name,
            sortOrder,
            ...(option.price !== undefined ? { price: option.price } : {}),
            ...(option.isAvailable !== undefined ? { isAvailable: option.isAvailable } : {}),
            ...(option.translations !== undefined ? { translations: option.translations } : {}),
          })
          .where(eq(options.id, existing.id));
      } else {
        await tx.insert(options).values({
          groupId,
          storeId,
          name: option.name,
          price: option.price ?? 0,
          isAvailable: option.isAvailable ?? true,
          sortOrder,
          translations: option.translations ?? {},
        });
      }
    }
  }

  return {
    /** The store's groups in display order, each with its options in order. */
    async list(storeId: string): Promise<OptionGroup[]> {
      return [...(await readOptionGroups(db, storeId)).values()];
    },

    async create(storeId: string, body: CreateOptionGroupBody): Promise<OptionGroup> {
      checkRange(body.minSelect, body.maxSelect, body.options.length);
      return events.transaction(storeId, async (tx, emit) => {
        const now = clock.now();
        const [row] = await tx
          .insert(optionGroups)
          .values({
            storeId,
            name: body.name,
            minSelect: body.minSelect,
            maxSelect: body.maxSelect,
            sortOrder: body.sortOrder ?? 0,
            translations: body.translations ?? {},
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        if (!row) throw new Error('option group insert returned nothing');
        await replaceOptions(tx, storeId, row.id, body.options);
        await menuChanged(tx, storeId, emit);
        return readOne(tx, row.id);
      });
    },

    async update(storeId: string, id: string, body: UpdateOptionGroupBody): Promise<OptionGroup> {
      return events.transaction(storeId, async (tx, emit) => {
        const current = await lockGroup(tx, storeId, id);
        const optionCount =
          body.options?.length ??
          (await tx.select({ id: options.id }).from(options).where(eq(options.groupId, current.id))).length;
        checkRange(body.minSelect ?? current.minSelect, body.maxSelect ?? current.maxSelect, optionCount);
        await tx
          .update(optionGroups)
          .set({
            ...(body.name !== undefined ? { name: body.name } : {}),
            ...(body.minSelect !== undefined ? { minSelect: body.minSelect } : {}),
            ...(body.maxSelect !== undefined ? { maxSelect: body.maxSelect } : {}),
            ...(body.sortOrder !== undefined ? { sortOrder: body.sortOrder } : {}),
            ...(body.translations !== undefined ? { translations: body.translations } : {}),
            updatedAt: clock.now(),
          })
          .where(eq(optionGroups.id, current.id));
        if (body.options) await replaceOptions(tx, storeId, current.id, body.options);
        await menuChanged(tx, storeId, emit);
        return readOne(tx, current.id);
      });
    },

    /**
     * Deletes a group no live dish offers (409 OPTION_GROUP_IN_USE naming the dishes otherwise).
     * Deleted dishes let go of it: their orders keep their own snapshots.
     */
    async remove(storeId: string, id: string): Promise<void> {
      await events.transaction(storeId, async (tx, emit) => {
        const group = await lockGroup(tx, storeId, id);
        const users = await tx
          .select({ id: menus.id, name: menus.name, deletedAt: menus.deletedAt })
          .from(menuOptionGroups)
          .innerJoin(menus, eq(menus.id, menuOptionGroups.menuId))
          .where(eq(menuOptionGroups.groupId, group.id));
        const live = users.filter((menu) => menu.deletedAt === null);
        if (live.length > 0) {
          throw conflict(
            ErrorCodes.optionGroupInUse,
            `Offered by ${live.map((menu) => menu.name).join(', ')}: remove it from those dishes first`,
            { menus: live.map((menu) => ({ menuId: menu.id, name: menu.name })) },
          );
        }
        await tx.delete(menuOptionGroups).where(
          and(
            eq(menuOptionGroups.groupId, group.id),
            inArray(
              menuOptionGroups.menuId,
              tx
                .select({ id: menus.id })
                .from(menus)
                .where(and(eq(menus.storeId, storeId), isNotNull(menus.deletedAt))),
            ),
          ),
        );
        await tx.delete(optionGroups).where(eq(optionGroups.id, group.id));
        await menuChanged(tx, storeId, emit);
      });
    },
  };
}

export type OptionGroupsService = ReturnType<typeof createOptionGroupsService>;
