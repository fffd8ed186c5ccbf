-- GlobalMart: the demo's e-commerce schema, created in each region's database.
CREATE TABLE IF NOT EXISTS customers (
    id          bigint PRIMARY KEY,
    name        text NOT NULL,
    email       text NOT NULL,
    tier        text NOT NULL DEFAULT 'standard',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS products (
    sku         text PRIMARY KEY,
    name        text NOT NULL,
    price       numeric(10,2) NOT NULL,
    tags        text[] NOT NULL DEFAULT '{}',
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS inventory (
    sku         text NOT NULL,
    warehouse   text NOT NULL,
    stock       integer NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sku, warehouse)
);
CREATE TABLE IF NOT EXISTS promotions (
    id          bigint PRIMARY KEY,
    sku         text NOT NULL,
    percent_off integer NOT NULL,
    active      boolean NOT NULL,
    starts_on   date NOT NULL
);
CREATE TABLE IF NOT EXISTS orders (
    id          bigint PRIMARY KEY,
    customer_id bigint NOT NULL,
    status      text NOT NULL,
    total       numeric(12,2) NOT NULL,
    placed_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS order_lines (
    order_id    bigint NOT NULL,
    line_no     integer NOT NULL,
    sku         text NOT NULL,
    qty         integer NOT NULL,
    price       numeric(10,2) NOT NULL,
    PRIMARY KEY (order_id, line_no)
);
CREATE TABLE IF NOT EXISTS payments (
    id          bigint PRIMARY KEY,
    order_id    bigint NOT NULL,
    amount      numeric(12,2) NOT NULL,
    method      text NOT NULL,
    paid_at     timestamptz NOT NULL DEFAULT now()
);
-- Units each region may still sell of a SKU. Both regions start from the same figure and sell
-- from it locally; across regions the column merges as a counter, so the merged figure is what
-- is really left, and below zero is an oversell an operator must look at.
CREATE TABLE IF NOT EXISTS stock_levels (
    sku         text PRIMARY KEY,
    available   integer NOT NULL
);
-- Rows both regions change are merged across regions by column; the merge needs each change's
-- before image (which columns changed, by how much a counter moved).
ALTER TABLE customers REPLICA IDENTITY FULL;
ALTER TABLE products REPLICA IDENTITY FULL;
ALTER TABLE promotions REPLICA IDENTITY FULL;
ALTER TABLE stock_levels REPLICA IDENTITY FULL;
-- The transactional outbox: business events written in the same transaction as the change.
CREATE TABLE IF NOT EXISTS outbox (
    id            uuid PRIMARY KEY,
    aggregatetype text NOT NULL,
    aggregateid   text NOT NULL,
    type          text NOT NULL,
    payload       jsonb NOT NULL
);
