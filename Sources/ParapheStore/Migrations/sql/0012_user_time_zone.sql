-- Each user's time zone, for the times pages show them
ALTER TABLE users ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Europe/Paris';
