-- 县级服务器 schema, version 4. Never edit once released.
-- A settled mutation's result is only ever handed back, whole, to the laptop that retries it:
-- nothing queries inside it. Kept as jsonb, PostgreSQL parsed every result of an initial
-- upload (a million of them) into a tree nobody reads; as text it stores what the county wrote.
ALTER TABLE mutations ALTER COLUMN result TYPE text USING result::text;
