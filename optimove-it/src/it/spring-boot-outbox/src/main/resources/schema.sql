create table if not exists orders (id varchar(64) primary key, customer varchar(64) not null, total int not null);
