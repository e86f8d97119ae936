-- Merging two client records (src/modules/clients/merge.ts) also settles the merged record's place in
-- a household (src/modules/household/store.ts, mergeMembership): it passes to the surviving record,
-- or the merged record leaves a household the survivor is already in. What was done is kept with the
-- merge so that undoing it puts the membership back.
ALTER TABLE client_merges
  ADD COLUMN household_id uuid REFERENCES households(id),
  ADD COLUMN household_role text,
  ADD COLUMN household_moved boolean NOT NULL DEFAULT false,
  ADD CHECK ((household_id IS NULL) = (household_role IS NULL));
