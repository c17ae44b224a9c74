package org.newsgraph;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class NewsGraphApplication {
    public static void main(String[] args) {
        SpringApplication.run(NewsGraphApplication.class, args);
    }
}
