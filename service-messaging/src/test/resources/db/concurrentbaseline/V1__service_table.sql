create table service_table (id varchar(40) primary key);
