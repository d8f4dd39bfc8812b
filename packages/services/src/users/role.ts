import { userRole } from "@nexus/db/schema";
import { z } from "zod";

/** A role a person can hold; the database enum `user_role` is the single list. */
export const roleSchema = z.enum(userRole.enumValues);
export type Role = z.infer<typeof roleSchema>;
