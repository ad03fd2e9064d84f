-- The hot writes of ordering, one database call each (docs/ARCHITECTURE.md, "Hot writes").
--
-- Applied at every start-up after the migrations (CREATE OR REPLACE, under the migration lock).
-- A change of behaviour gets a new name (_v2 …): replicas of the previous release keep calling
-- theirs during a rolling deploy. Column names here are checked by the suites that place orders
-- on both engines (a renamed column fails them at once).

-- Places a batch of orders (group commit): one statement, one transaction, one WAL flush.
--
-- `batch` is a JSON array of requests built by server/modules/orders/orders.writer.ts:
--   { k, store_id, table_id, order_id, session_id (a fresh id, used if a visit opens), key, hash,
--     menu_version, now, now_iso, expire_ms, idle_ms, bound_session, cart_version, source,
--     note, staff_id, staff_name, total, lines: [...], tickets: [...], order: {Order without
--     orderNo, sessionId, tableNumber} }
-- and the answer is an array of { k, status, ... } in no particular order:
--   created (order, session_id, opened, events), replay (hash, order_id), and the refusals
--   no_table, session_expired, session_ended, cart_changed, menu_changed.
--
-- Lock order (the project's): every table of the batch first, ascending; then, order by order
-- (by store, then table), the rows of its visit and cart; each store row last. Each order runs in
-- its own block (a savepoint): a refusal rolls back that order only.
CREATE OR REPLACE FUNCTION tableorder_place_orders_v1(batch jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  req jsonb;
  results jsonb := '[]'::jsonb;
  tbl record;
  sess record;
  taken record;
  st record;
  store uuid;
  now_ts timestamptz;
  sid uuid;
  has_session boolean;
  opened boolean;
  cart_ver int;
  n_events int;
  first_seq bigint;
  order_json jsonb;
  evs jsonb;
BEGIN
  PERFORM 1 FROM tables
    WHERE id IN (SELECT (e->>'table_id')::uuid FROM jsonb_array_elements(batch) e)
    ORDER BY id
    FOR UPDATE;

  FOR req IN
    SELECT e FROM jsonb_array_elements(batch) e ORDER BY (e->>'store_id')::uuid, (e->>'table_id')::uuid
  LOOP
    BEGIN
      store := (req->>'store_id')::uuid;
      now_ts := (req->>'now')::timestamptz;

      SELECT id, number INTO tbl FROM tables
        WHERE id = (req->>'table_id')::uuid AND store_id = store AND deleted_at IS NULL;
      IF NOT FOUND THEN RAISE EXCEPTION 'no_table'; END IF;

      IF req->>'key' IS NOT NULL THEN
        INSERT INTO idempotency_keys (table_id, key, request_hash, order_id, created_at)
          VALUES (tbl.id, req->>'key', req->>'hash', (req->>'order_id')::uuid, now_ts)
          ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
          SELECT request_hash, order_id INTO taken FROM idempotency_keys
            WHERE table_id = tbl.id AND key = req->>'key';
          results := results || jsonb_build_array(jsonb_build_object(
            'k', req->'k', 'status', 'replay', 'hash', taken.request_hash, 'order_id', taken.order_id));
          CONTINUE;
        END IF;
      END IF;

      SELECT id, opened_at, last_order_at INTO sess FROM table_sessions
        WHERE table_id = tbl.id AND closed_at IS NULL;
      has_session := FOUND;
      IF has_session AND (
        now_ts - sess.opened_at > (req->>'expire_ms')::bigint * interval '1 millisecond'
        OR now_ts - sess.last_order_at > (req->>'idle_ms')::bigint * interval '1 millisecond'
      ) THEN
        -- Closing a visit is rare and has its own rules: the caller closes it and tries again.
        RAISE EXCEPTION 'session_expired';
      END IF;
      IF req->>'bound_session' IS NOT NULL
        AND (NOT has_session OR sess.id <> (req->>'bound_session')::uuid) THEN
        RAISE EXCEPTION 'session_ended';
      END IF;

      cart_ver := NULL;
      IF req->>'cart_version' IS NOT NULL THEN
        SELECT version INTO cart_ver FROM carts WHERE table_id = tbl.id FOR UPDATE;
        IF coalesce(cart_ver, 0) <> (req->>'cart_version')::int THEN RAISE EXCEPTION 'cart_changed'; END IF;
        DELETE FROM cart_lines WHERE table_id = tbl.id;
        UPDATE carts SET version = version + 1, updated_at = now_ts WHERE table_id = tbl.id;
        cart_ver := coalesce(cart_ver, 0) + 1;
      END IF;

      opened := NOT has_session;
      IF opened THEN
        sid := (req->>'session_id')::uuid;
        INSERT INTO table_sessions (id, store_id, table_id, opened_at, last_order_at, opened_by, pin)
          VALUES (sid, store, tbl.id, now_ts, now_ts,
            CASE WHEN req->>'source' = 'staff' THEN 'staff' ELSE 'order' END,
            lpad(floor(random() * 10000)::int::text, 4, '0'));
        INSERT INTO session_log (store_id, session_id, kind, data, admin_id, username, created_at)
          VALUES (store, sid, 'opened',
            jsonb_build_object('openedBy', CASE WHEN req->>'source' = 'staff' THEN 'staff' ELSE 'order' END),
            (req->>'staff_id')::uuid, req->>'staff_name', now_ts);
      ELSE
        sid := sess.id;
        UPDATE table_sessions SET last_order_at = greatest(last_order_at, now_ts) WHERE id = sid;
      END IF;

      -- The store row, last: the order number and the event cursors, held to the commit so both
      -- are handed out in commit order; and the menu version the order was priced at.
      n_events := 1 + (CASE WHEN opened THEN 1 ELSE 0 END) + (CASE WHEN cart_ver IS NULL THEN 0 ELSE 1 END);
      UPDATE stores SET last_order_no = last_order_no + 1, last_event_seq = last_event_seq + n_events
        WHERE id = store
        RETURNING last_order_no, last_event_seq, menu_version INTO st;
      IF st.menu_version <> (req->>'menu_version')::int THEN RAISE EXCEPTION 'menu_changed'; END IF;

      INSERT INTO orders (id, store_id, table_id, table_number, session_id, order_no, status, total_amount,
          note, source, created_by_admin_id, created_by_username, created_at, updated_at)
        VALUES ((req->>'order_id')::uuid, store, tbl.id, tbl.number, sid, st.last_order_no, 'pending',
          (req->>'total')::bigint, req->>'note', req->>'source', (req->>'staff_id')::uuid, req->>'staff_name',
          now_ts, now_ts);
      INSERT INTO order_items (id, order_id, line_no, menu_id, name, unit_price, quantity, subtotal, options, note,
          station_id)
        SELECT x.id, (req->>'order_id')::uuid, x.line_no, x.menu_id, x.name, x.unit_price, x.quantity, x.subtotal,
          x.options, x.note, x.station_id
        FROM jsonb_to_recordset(req->'lines') AS x(id uuid, line_no int, menu_id uuid, name text, unit_price bigint,
          quantity int, subtotal bigint, options jsonb, note text, station_id uuid);
      INSERT INTO print_jobs (store_id, station_id, order_id, kind, ticket, created_at)
        SELECT store, (t->>'station_id')::uuid, (req->>'order_id')::uuid, 'order',
          (t->'ticket') || jsonb_build_object('orderNo', st.last_order_no, 'tableNumber', tbl.number), now_ts
        FROM jsonb_array_elements(req->'tickets') t;

      order_json := (req->'order')
        || jsonb_build_object('orderNo', st.last_order_no, 'sessionId', sid, 'tableNumber', tbl.number);
      evs := '[]'::jsonb;
      IF opened THEN
        evs := evs || jsonb_build_array(jsonb_build_object('type', 'table.updated', 'table_id', NULL,
          'session_id', sid, 'data', jsonb_build_object('table', jsonb_build_object('id', tbl.id,
            'number', tbl.number, 'sessionId', sid, 'sessionStartedAt', req->>'now_iso', 'guests', NULL))));
      END IF;
      IF cart_ver IS NOT NULL THEN
        evs := evs || jsonb_build_array(jsonb_build_object('type', 'cart.updated', 'table_id', tbl.id,
          'session_id', sid, 'data', jsonb_build_object('cart',
            jsonb_build_object('version', cart_ver, 'items', '[]'::jsonb, 'totalAmount', 0))));
      END IF;
      evs := evs || jsonb_build_array(jsonb_build_object('type', 'order.created', 'table_id', tbl.id,
        'session_id', sid, 'data', jsonb_build_object('order', order_json)));
      first_seq := st.last_event_seq - n_events + 1;
      INSERT INTO events (store_id, seq, table_id, session_id, type, data, created_at)
        SELECT store, first_seq + x.i - 1, (x.e->>'table_id')::uuid, (x.e->>'session_id')::uuid, x.e->>'type',
          x.e->'data', now_ts
        FROM jsonb_array_elements(evs) WITH ORDINALITY AS x(e, i);

      results := results || jsonb_build_array(jsonb_build_object(
        'k', req->'k', 'status', 'created', 'order', order_json, 'session_id', sid, 'opened', opened,
        'first_seq', first_seq, 'events', evs));
    EXCEPTION WHEN raise_exception THEN
      results := results || jsonb_build_array(jsonb_build_object('k', req->'k', 'status', SQLERRM));
    END;
  END LOOP;
  RETURN results;
END $$;

-- An order as the contract's Order (contract/orders.ts) — the same shape server/modules/orders/
-- orders.dto.ts builds; orders.test.ts compares the two on an order with options, notes and voids.
CREATE OR REPLACE FUNCTION tableorder_order_json_v1(oid uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', o.id, 'orderNo', o.order_no, 'tableId', o.table_id, 'tableNumber', o.table_number,
    'sessionId', o.session_id, 'status', o.status, 'totalAmount', o.total_amount,
    'createdAt', to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'items', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
        'id', i.id, 'menuId', i.menu_id, 'name', i.name, 'unitPrice', i.unit_price, 'quantity', i.quantity,
        'voidedQuantity', i.voided_quantity, 'subtotal', i.subtotal,
        'options', coalesce((
          SELECT jsonb_agg(jsonb_build_object('groupName', x->>'groupName', 'name', x->>'name',
            'price', (x->>'price')::bigint) ORDER BY x.n)
          FROM jsonb_array_elements(i.options) WITH ORDINALITY AS x(x, n)), '[]'::jsonb),
        'note', i.note, 'stationId', i.station_id,
        'doneAt', to_char(i.done_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      ) ORDER BY i.line_no)
      FROM order_items i WHERE i.order_id = o.id), '[]'::jsonb),
    'note', o.note, 'source', o.source)
  FROM orders o WHERE o.id = oid;
$$;

-- Moves a live order along the kitchen's flow (status step), in one call: locks its table (the
-- lock order), moves it forward only from `allowed_from`, marks every line done when it
-- completes, and writes `order.updated`. Answers { status: updated | not_found | transition,
-- order, seq, from }.
CREATE OR REPLACE FUNCTION tableorder_update_status_v1(
  store uuid, oid uuid, to_status text, allowed_from text[], now_ts timestamptz
) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  tid uuid;
  current_status text;
  order_json jsonb;
  seq bigint;
BEGIN
  SELECT table_id INTO tid FROM orders WHERE id = oid AND store_id = store AND archived_at IS NULL;
  IF NOT FOUND THEN RETURN jsonb_build_object('status', 'not_found'); END IF;
  PERFORM 1 FROM tables WHERE id = tid FOR UPDATE;
  -- Read again under the lock: the visit may have closed, or the status moved, while we waited.
  SELECT status INTO current_status FROM orders WHERE id = oid AND archived_at IS NULL;
  IF NOT FOUND THEN RETURN jsonb_build_object('status', 'not_found'); END IF;
  IF NOT (current_status = ANY(allowed_from)) THEN
    RETURN jsonb_build_object('status', 'transition', 'from', current_status);
  END IF;
  UPDATE orders SET status = to_status, updated_at = now_ts WHERE id = oid;
  IF to_status = 'completed' THEN
    UPDATE order_items SET done_at = now_ts WHERE order_id = oid AND done_at IS NULL;
  END IF;
  order_json := tableorder_order_json_v1(oid);
  UPDATE stores SET last_event_seq = last_event_seq + 1 WHERE id = store RETURNING last_event_seq INTO seq;
  INSERT INTO events (store_id, seq, table_id, session_id, type, data, created_at)
    VALUES (store, seq, tid, (order_json->>'sessionId')::uuid, 'order.updated',
      jsonb_build_object('order', order_json), now_ts);
  RETURN jsonb_build_object('status', 'updated', 'order', order_json, 'seq', seq);
END $$;
