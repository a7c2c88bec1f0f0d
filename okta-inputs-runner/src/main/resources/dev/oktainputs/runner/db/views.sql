-- The access views of the database sinks, created with the tables (Schema.prepare), the same SQL for DuckDB and
-- PostgreSQL. Each statement ends with a semicolon at the end of a line. JSON is read with -> and ->>, each
-- extraction in parentheses (DuckDB binds ->> more loosely than =).

-- Which applications each user can reach: a direct assignment (group_id NULL) or through a group assigned to the app.
-- assignment: DIRECT, GROUP; a group-scoped app user whose group is not known (group_members or app_groups not
-- synced) is GROUP with group_id NULL.
CREATE VIEW user_app_access AS
SELECT au.user_id, (u.data->'profile'->>'login') AS user_login, au.app_id, (a.data->>'label') AS app_label,
       (a.data->>'name') AS app_name, 'DIRECT' AS assignment, CAST(NULL AS TEXT) AS group_id,
       CAST(NULL AS TEXT) AS group_name
  FROM app_users au
  LEFT JOIN users u ON u.key = au.user_id
  LEFT JOIN apps a ON a.key = au.app_id
 WHERE COALESCE((au.data->'appUser'->>'scope'), 'USER') <> 'GROUP'
UNION ALL
SELECT gm.user_id, (u.data->'profile'->>'login'), ag.app_id, (a.data->>'label'), (a.data->>'name'), 'GROUP',
       ag.group_id, (g.data->'profile'->>'name')
  FROM app_groups ag
  JOIN group_members gm ON gm.group_id = ag.group_id
  LEFT JOIN users u ON u.key = gm.user_id
  LEFT JOIN apps a ON a.key = ag.app_id
  LEFT JOIN groups g ON g.key = ag.group_id
UNION ALL
SELECT au.user_id, (u.data->'profile'->>'login'), au.app_id, (a.data->>'label'), (a.data->>'name'), 'GROUP',
       CAST(NULL AS TEXT), CAST(NULL AS TEXT)
  FROM app_users au
  LEFT JOIN users u ON u.key = au.user_id
  LEFT JOIN apps a ON a.key = au.app_id
 WHERE (au.data->'appUser'->>'scope') = 'GROUP'
   AND NOT EXISTS (SELECT 1 FROM app_groups ag JOIN group_members gm ON gm.group_id = ag.group_id
                    WHERE ag.app_id = au.app_id AND gm.user_id = au.user_id);

-- Who holds admin roles: one row per user holding a role directly (assignee_type USER), per member of a group that
-- holds one (assignee_type GROUP, user through group_id; a group without members has one row with user_id NULL), and
-- per group-held role of a user whose group assignment was not read (group_assignments: false; group_id NULL).
CREATE VIEW admins AS
SELECT 'USER' AS assignee_type, ra.assignee_id, (u.data->'profile'->>'login') AS assignee_name,
       (ra.data->'role'->>'type') AS role_type, (ra.data->'role'->>'label') AS role_label, ra.role_id AS assignment_id,
       ra.assignee_id AS user_id, (u.data->'profile'->>'login') AS user_login, CAST(NULL AS TEXT) AS group_id,
       CAST(NULL AS TEXT) AS group_name
  FROM role_assignments ra
  LEFT JOIN users u ON u.key = ra.assignee_id
 WHERE (ra.data->>'assigneeType') = 'USER'
   AND COALESCE((ra.data->'role'->>'assignmentType'), 'USER') <> 'GROUP'
UNION ALL
SELECT 'GROUP', ra.assignee_id, (g.data->'profile'->>'name'), (ra.data->'role'->>'type'), (ra.data->'role'->>'label'),
       ra.role_id, gm.user_id, (u.data->'profile'->>'login'), ra.assignee_id, (g.data->'profile'->>'name')
  FROM role_assignments ra
  LEFT JOIN groups g ON g.key = ra.assignee_id
  LEFT JOIN group_members gm ON gm.group_id = ra.assignee_id
  LEFT JOIN users u ON u.key = gm.user_id
 WHERE (ra.data->>'assigneeType') = 'GROUP'
UNION ALL
SELECT 'GROUP', CAST(NULL AS TEXT), CAST(NULL AS TEXT), (ra.data->'role'->>'type'), (ra.data->'role'->>'label'),
       ra.role_id, ra.assignee_id, (u.data->'profile'->>'login'), CAST(NULL AS TEXT), CAST(NULL AS TEXT)
  FROM role_assignments ra
  LEFT JOIN users u ON u.key = ra.assignee_id
 WHERE (ra.data->>'assigneeType') = 'USER'
   AND (ra.data->'role'->>'assignmentType') = 'GROUP'
   AND NOT EXISTS (SELECT 1 FROM role_assignments gr
                    WHERE (gr.data->>'assigneeType') = 'GROUP' AND gr.role_id = ra.role_id);

-- Which API tokens exist and who owns them (Okta never lists a token's secret).
CREATE VIEW api_token_owners AS
SELECT t.key AS token_id, (t.data->>'name') AS token_name, (t.data->>'clientName') AS client_name,
       (t.data->>'userId') AS user_id, (u.data->'profile'->>'login') AS user_login, (u.data->>'status') AS user_status,
       EXISTS (SELECT 1 FROM admins ad WHERE ad.user_id = (t.data->>'userId')) AS owner_is_admin,
       CAST((t.data->>'created') AS TIMESTAMPTZ) AS created, CAST((t.data->>'expiresAt') AS TIMESTAMPTZ) AS expires_at,
       (t.data->'network'->>'connection') AS network
  FROM api_tokens t
  LEFT JOIN users u ON u.key = (t.data->>'userId');

-- What admins did: System Log events of administrative changes (lifecycle, memberships, privileges, policies, tokens,
-- zones, factor resets) and every event whose actor holds an admin role. Newest first with ORDER BY published DESC.
CREATE VIEW recent_admin_actions AS
SELECT CAST((e.data->>'published') AS TIMESTAMPTZ) AS published, (e.data->>'eventType') AS event_type,
       (e.data->>'displayMessage') AS display_message, (e.data->'outcome'->>'result') AS outcome,
       (e.data->'actor'->>'id') AS actor_id, (e.data->'actor'->>'alternateId') AS actor_login,
       EXISTS (SELECT 1 FROM admins ad WHERE ad.user_id = (e.data->'actor'->>'id')) AS actor_is_admin,
       (e.data->'target'->0->>'type') AS target_type, (e.data->'target'->0->>'id') AS target_id,
       (e.data->'target'->0->>'displayName') AS target_name, e.key AS uuid
  FROM system_log e
 WHERE (e.data->>'eventType') LIKE 'user.lifecycle.%'
    OR (e.data->>'eventType') LIKE 'user.account.privilege.%'
    OR (e.data->>'eventType') IN ('user.account.reset_password', 'user.mfa.factor.deactivate', 'user.mfa.factor.reset_all',
                                  'user.account.unlock')
    OR (e.data->>'eventType') LIKE 'group.lifecycle.%'
    OR (e.data->>'eventType') LIKE 'group.user_membership.%'
    OR (e.data->>'eventType') LIKE 'group.privilege.%'
    OR (e.data->>'eventType') LIKE 'group.application_assignment.%'
    OR (e.data->>'eventType') LIKE 'application.lifecycle.%'
    OR (e.data->>'eventType') LIKE 'application.user_membership.%'
    OR (e.data->>'eventType') LIKE 'policy.lifecycle.%'
    OR (e.data->>'eventType') LIKE 'policy.rule.%'
    OR (e.data->>'eventType') LIKE 'system.api_token.%'
    OR (e.data->>'eventType') LIKE 'zone.%'
    OR (e.data->>'eventType') LIKE 'iam.%'
    OR EXISTS (SELECT 1 FROM admins ad WHERE ad.user_id = (e.data->'actor'->>'id'));

-- System Log events the system_log input's detection rules labelled (detection: true): the rules that fired and
-- the highest risk among them.
CREATE VIEW suspicious_sign_ins AS
SELECT CAST((e.data->>'published') AS TIMESTAMPTZ) AS published, (e.data->>'eventType') AS event_type,
       (e.labels->>'detection') AS detection, (e.labels->>'detection_risk') AS risk,
       (e.data->'outcome'->>'result') AS outcome, (e.data->'actor'->>'id') AS actor_id,
       (e.data->'actor'->>'alternateId') AS actor_login, (e.data->'client'->>'ipAddress') AS ip_address,
       (e.data->'client'->'geographicalContext'->>'country') AS country, e.key AS uuid
  FROM system_log e
 WHERE (e.labels->>'detection') IS NOT NULL;
