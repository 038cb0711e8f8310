import { z } from "zod";
import { IdList } from "./person-input.ts";
import type { Container, ProofhubStore } from "./store.ts";

const Name = z.string({ error: "must be a string" }).trim().min(1, { error: "can't be blank" });

/** Body of `PUT projects/{id}`: fields sent replace, fields omitted stay; `assigned` replaces the whole list. */
export const ProjectBody = z.object({ title: Name.optional(), assigned: IdList.optional() });

/** Body of `POST groups` (name required) and `PUT groups/{id}` (as for projects). */
export const GroupBody = z.object({ name: Name.optional(), assigned: IdList.optional() });

/** The ids in `assigned` that are not people of the account. */
export function unknownPeople(store: ProofhubStore, ids: readonly number[]): number[] {
  return ids.filter((id) => !store.people.get(id));
}

export function projectJson(project: Container) {
  return { id: project.id, title: project.name, assigned: [...project.assigned] };
}

export function groupJson(group: Container) {
  return { id: group.id, name: group.name, assigned: [...group.assigned] };
}
