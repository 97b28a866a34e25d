create table orders (id varchar(64) primary key, customer varchar(64) not null, total int not null);
create table audit_log (id varchar(64) primary key, customer varchar(64) not null);
