CREATE TABLE "database_bindings" (
	"project_id" text NOT NULL,
	"environment" text NOT NULL,
	"database" text NOT NULL,
	"url_ciphertext" text NOT NULL,
	"managed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "database_bindings_project_id_environment_database_pk" PRIMARY KEY("project_id","environment","database")
);
--> statement-breakpoint
CREATE TABLE "dead_letters" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"environment" text NOT NULL,
	"queue" text NOT NULL,
	"consumer" text NOT NULL,
	"message_id" text NOT NULL,
	"message" jsonb NOT NULL,
	"commit_id" text NOT NULL,
	"last_error" jsonb NOT NULL,
	"attempts" jsonb NOT NULL,
	"status" text NOT NULL,
	"replay_execution_id" text,
	"replay_commit_id" text,
	"replayed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deployments" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"environment" text NOT NULL,
	"commit_id" text NOT NULL,
	"definitions" jsonb NOT NULL,
	"migration" jsonb NOT NULL,
	"registrations" jsonb NOT NULL,
	"status" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "environments" (
	"project_id" text NOT NULL,
	"name" text NOT NULL,
	"allow_private_network" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "environments_project_id_name_pk" PRIMARY KEY("project_id","name")
);
--> statement-breakpoint
CREATE TABLE "execution_traces" (
	"execution_id" text PRIMARY KEY NOT NULL,
	"nodes" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "executions" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"environment" text NOT NULL,
	"commit_id" text NOT NULL,
	"process_id" text NOT NULL,
	"process_name" text NOT NULL,
	"status" text NOT NULL,
	"input" jsonb,
	"output" jsonb,
	"error" jsonb,
	"origin" jsonb NOT NULL,
	"temporal_run_id" text,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "secrets" (
	"project_id" text NOT NULL,
	"environment" text NOT NULL,
	"name" text NOT NULL,
	"ciphertext" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "secrets_project_id_environment_name_pk" PRIMARY KEY("project_id","environment","name")
);
--> statement-breakpoint
ALTER TABLE "database_bindings" ADD CONSTRAINT "database_bindings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_commit_id_commits_id_fk" FOREIGN KEY ("commit_id") REFERENCES "public"."commits"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "environments" ADD CONSTRAINT "environments_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "execution_traces" ADD CONSTRAINT "execution_traces_execution_id_executions_id_fk" FOREIGN KEY ("execution_id") REFERENCES "public"."executions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secrets" ADD CONSTRAINT "secrets_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dead_letters_project_created_idx" ON "dead_letters" USING btree ("project_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_delivery_unique" ON "dead_letters" USING btree ("message_id","consumer","created_at");--> statement-breakpoint
CREATE INDEX "deployments_project_env_idx" ON "deployments" USING btree ("project_id","environment","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deployments_one_active_per_env" ON "deployments" USING btree ("project_id","environment") WHERE "deployments"."status" = 'active';--> statement-breakpoint
CREATE INDEX "executions_project_started_idx" ON "executions" USING btree ("project_id","started_at");--> statement-breakpoint
CREATE INDEX "executions_process_started_idx" ON "executions" USING btree ("project_id","process_id","started_at");