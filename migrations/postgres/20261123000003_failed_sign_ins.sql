-- Failed sign-ins of the last minutes, per email and per client address: the sign-in rate
-- limit counts them here, so every Faro node sharing the database applies the same limit.
CREATE TABLE failed_sign_ins (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email       TEXT   NOT NULL,
    ip          TEXT   NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX failed_sign_ins_email ON failed_sign_ins (email, created_at);
CREATE INDEX failed_sign_ins_ip ON failed_sign_ins (ip, created_at);
CREATE INDEX failed_sign_ins_created_at ON failed_sign_ins (created_at);
