package dev.baton.config.directory;

import dev.baton.api.directory.Department;
import dev.baton.api.directory.DirectoryUser;
import dev.baton.api.directory.Role;
import dev.baton.api.error.ErrorCode;
import dev.baton.config.Blocking;
import dev.baton.config.Upserted;
import dev.baton.support.auth.Caller;
import dev.baton.support.web.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;

/** The directory API (admin callers only). */
@RestController
@RequestMapping("/directory")
@Tag(name = "Directory", description = "Users, departments and roles; bulk sync from an HR system")
public class DirectoryController {
    private final DirectoryService directory;
    private final DirectorySync sync;

    public DirectoryController(DirectoryService directory, DirectorySync sync) {
        this.directory = directory;
        this.sync = sync;
    }

    @PutMapping
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.INVALID_DIRECTORY, ErrorCode.MASS_DEACTIVATION})
    @Operation(summary = "Make the directory equal to a whole snapshot (all three lists required); absent users are "
            + "deactivated, absent departments and roles removed. Deactivating more than the configured share of the "
            + "active users needs allowMassDeactivation=true")
    public Mono<SyncResult> sync(@RequestBody SnapshotInput snapshot,
                                 @RequestParam(defaultValue = "false") boolean allowMassDeactivation,
                                 ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> sync.sync(snapshot.toSnapshot(), allowMassDeactivation));
    }

    @PutMapping("/users/{username}")
    @Operation(summary = "Create or replace a user")
    @ApiResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = DirectoryUser.class)))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = DirectoryUser.class)))
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND})
    public Mono<ResponseEntity<DirectoryUser>> putUser(@PathVariable String username, @RequestBody UserInput user,
                                                       ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> respond(directory.putUser(username, user)));
    }

    @Operation(summary = "One user")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.USER_NOT_FOUND})
    @GetMapping("/users/{username}")
    public Mono<DirectoryUser> user(@PathVariable String username, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> directory.user(username));
    }

    @GetMapping("/users")
    @Operation(summary = "List users, optionally by direct department, role and active flag")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    public Mono<List<DirectoryUser>> users(@RequestParam(required = false) String department,
                                           @RequestParam(required = false) String role,
                                           @RequestParam(required = false) Boolean active,
                                           ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> directory.users(department, role, active));
    }

    @DeleteMapping("/users/{username}")
    @Operation(summary = "Deactivate a user (users are never deleted)")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.USER_NOT_FOUND})
    public Mono<DirectoryUser> deactivateUser(@PathVariable String username, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> directory.deactivateUser(username));
    }

    @PutMapping("/departments/{id}")
    @Operation(summary = "Create or replace a department")
    @ApiResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = Department.class)))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Department.class)))
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.USER_NOT_FOUND})
    public Mono<ResponseEntity<Department>> putDepartment(@PathVariable String id,
                                                          @RequestBody DepartmentInput department,
                                                          ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> respond(directory.putDepartment(id, department)));
    }

    @Operation(summary = "One department")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND})
    @GetMapping("/departments/{id}")
    public Mono<Department> department(@PathVariable String id, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> directory.department(id));
    }

    @Operation(summary = "Every department")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @GetMapping("/departments")
    public Mono<List<Department>> departments(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(directory::departments);
    }

    @DeleteMapping("/departments/{id}")
    @Operation(summary = "Delete a department without sub-departments or active members")
    @ApiResponse(responseCode = "204", description = "Done")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.IN_USE})
    public Mono<ResponseEntity<Void>> deleteDepartment(@PathVariable String id, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.run(() -> directory.deleteDepartment(id)).thenReturn(ResponseEntity.noContent().<Void>build());
    }

    @PutMapping("/roles/{id}")
    @Operation(summary = "Create or replace a role")
    @ApiResponse(responseCode = "200", description = "Replaced",
            content = @Content(schema = @Schema(implementation = Role.class)))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Role.class)))
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    public Mono<ResponseEntity<Role>> putRole(@PathVariable String id, @RequestBody Role role,
                                              ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> respond(directory.putRole(id, role)));
    }

    @Operation(summary = "One role")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND})
    @GetMapping("/roles/{id}")
    public Mono<Role> role(@PathVariable String id, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(() -> directory.role(id));
    }

    @Operation(summary = "Every role")
    @Refuses(ErrorCode.ADMIN_REQUIRED)
    @GetMapping("/roles")
    public Mono<List<Role>> roles(ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.call(directory::roles);
    }

    @DeleteMapping("/roles/{id}")
    @Operation(summary = "Delete a role no active user holds")
    @ApiResponse(responseCode = "204", description = "Done")
    @Refuses({ErrorCode.ADMIN_REQUIRED, ErrorCode.NOT_FOUND, ErrorCode.IN_USE})
    public Mono<ResponseEntity<Void>> deleteRole(@PathVariable String id, ServerWebExchange exchange) {
        Caller.of(exchange).requireAdmin();
        return Blocking.run(() -> directory.deleteRole(id)).thenReturn(ResponseEntity.noContent().<Void>build());
    }

    private static <T> ResponseEntity<T> respond(Upserted<T> upserted) {
        return ResponseEntity.status(upserted.created() ? HttpStatus.CREATED : HttpStatus.OK).body(upserted.value());
    }
}
