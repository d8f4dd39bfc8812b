/**
 * What each detector runs with (detector_configs): enabled or not, its thresholds (defaults from
 * core, overridden per type), the symbols it watches, and the lowest severity it raises. Compliance
 * changes them through the API; each change commits with its audit row (old and new values) and a
 * NOTIFY that reaches every worker on commit.
 */
import { ALERT_TYPES, SEVERITIES } from "@nexus/core/events";
import { THRESHOLD_DEFAULTS, validateThresholds } from "@nexus/core/surveillance";
import type { AlertSeverity, ManipulationType, ThresholdConfig } from "@nexus/core/surveillance";
import { withAudit } from "@nexus/db/queries/audit";
import {
  listDetectorConfigs,
  lockDetectorConfig,
  notifySurveillanceConfigChanged,
  saveDetectorConfig,
} from "@nexus/db/queries/detector-configs";
import type { DetectorConfigRow } from "@nexus/db/queries/detector-configs";
import type { Database } from "@nexus/db/client";
import { z } from "zod";
import type { ChangeContext } from "../context";
import { SurveillanceError, parseOrRefuse } from "./errors";

export interface DetectorSettings {
  type: ManipulationType;
  enabled: boolean;
  /** Every threshold of the type: the defaults with the overrides applied. */
  thresholds: Record<string, number>;
  /** Only the thresholds set away from their defaults (what is stored). */
  overrides: Record<string, number>;
  /** Symbols watched; empty means every symbol. */
  scopeSymbols: string[];
  /** Alerts below this severity are not raised. */
  severityFloor: AlertSeverity;
  /** 0 while the type runs on its defaults; +1 on every change. */
  version: number;
  updatedAt: Date | null;
}

const symbolSchema = z.string().regex(/^[A-Z0-9.-]{1,20}$/, "expected 1-20 characters of A-Z 0-9 . -");

export const detectorSettingsChangeSchema = z.strictObject({
  type: z.enum(ALERT_TYPES),
  enabled: z.boolean().optional(),
  /** Thresholds to set; a key set to null returns to its default. */
  thresholds: z.record(z.string(), z.number().nullable()).optional(),
  scopeSymbols: z.array(symbolSchema).max(1000).optional(),
  severityFloor: z.enum(SEVERITIES).optional(),
});
export type DetectorSettingsChange = z.input<typeof detectorSettingsChangeSchema>;

const defaultsOf = (type: ManipulationType) => THRESHOLD_DEFAULTS[type] as ThresholdConfig;

function settingsOf(type: ManipulationType, row: DetectorConfigRow | undefined): DetectorSettings {
  const overrides = (row?.thresholds ?? {}) as Record<string, number>;
  // Stored overrides were validated when written; a key a later release dropped is ignored.
  const known = Object.fromEntries(Object.entries(overrides).filter(([key]) => key in defaultsOf(type)));
  return {
    type,
    enabled: row?.enabled ?? true,
    thresholds: validateThresholds(type, defaultsOf(type), known),
    overrides: known,
    scopeSymbols: row?.scopeSymbols ?? [],
    severityFloor: row?.severityFloor ?? "low",
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** The settings of all six detectors, defaults where nothing was changed. */
export async function loadDetectorSettings(db: Database): Promise<DetectorSettings[]> {
  const rows = new Map((await listDetectorConfigs(db)).map((row) => [row.alertType, row]));
  return ALERT_TYPES.map((type) => settingsOf(type, rows.get(type)));
}

const snapshotOf = (settings: DetectorSettings) => ({
  enabled: settings.enabled,
  thresholds: settings.overrides,
  scopeSymbols: settings.scopeSymbols,
  severityFloor: settings.severityFloor,
  version: settings.version,
});

export async function updateDetectorSettings(
  context: ChangeContext,
  input: DetectorSettingsChange,
): Promise<DetectorSettings> {
  const change = parseOrRefuse(detectorSettingsChangeSchema, input);
  const result = await withAudit(
    context.db,
    async (tx) => {
      const before = settingsOf(change.type, await lockDetectorConfig(tx, change.type));
      const overrides = { ...before.overrides };
      for (const [key, value] of Object.entries(change.thresholds ?? {})) {
        if (value === null) delete overrides[key];
        else overrides[key] = value;
      }
      try {
        validateThresholds(change.type, defaultsOf(change.type), overrides);
      } catch (error) {
        throw new SurveillanceError("invalid", (error as Error).message, "thresholds");
      }
      const row = await saveDetectorConfig(tx, {
        alertType: change.type,
        enabled: change.enabled ?? before.enabled,
        thresholds: overrides,
        scopeSymbols: change.scopeSymbols ?? before.scopeSymbols,
        severityFloor: change.severityFloor ?? before.severityFloor,
        version: before.version + 1,
        updatedBy: context.actor.actorType === "cli" ? null : context.actor.actorId,
      });
      await notifySurveillanceConfigChanged(tx, "detector_configs");
      return { before, after: settingsOf(change.type, row) };
    },
    ({ before, after }) => ({
      actorType: context.actor.actorType,
      actorId: context.actor.actorId,
      action: "detector_config.update",
      entityType: "detector_config",
      entityId: change.type,
      details: { before: snapshotOf(before), after: snapshotOf(after) },
      ip: context.actor.ip,
    }),
  );
  return result.after;
}
