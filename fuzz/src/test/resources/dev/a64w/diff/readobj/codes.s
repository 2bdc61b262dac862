	.text
	.globl f_all
	.p2align 2
f_all:
	.seh_proc f_all
	pacibsp
	.seh_pac_sign_lr
	stp x19, x20, [sp, #-64]!
	.seh_save_r19r20_x 64
	stp x21, x22, [sp, #16]
	.seh_save_regp x21, 16
	stp x23, x24, [sp, #32]
	.seh_save_next
	str x25, [sp, #48]
	.seh_save_reg x25, 48
	stp x26, x27, [sp, #-32]!
	.seh_save_regp_x x26, 32
	str x28, [sp, #-16]!
	.seh_save_reg_x x28, 16
	stp x19, lr, [sp, #-16]!
	.seh_stackalloc 16
	stp x19, lr, [sp]
	.seh_save_lrpair x19, 0
	stp d8, d9, [sp, #-16]!
	.seh_save_fregp_x d8, 16
	stp d10, d11, [sp, #-16]!
	.seh_stackalloc 16
	stp d10, d11, [sp]
	.seh_save_fregp d10, 0
	str d12, [sp, #-16]!
	.seh_save_freg_x d12, 16
	sub sp, sp, #16
	.seh_stackalloc 16
	str d13, [sp, #8]
	.seh_save_freg d13, 8
	stp x29, x30, [sp, #-16]!
	.seh_save_fplr_x 16
	sub sp, sp, #16
	.seh_stackalloc 16
	stp x29, x30, [sp, #0]
	.seh_save_fplr 0
	sub sp, sp, #1024
	.seh_stackalloc 1024
	sub sp, sp, #8, lsl #12
	.seh_stackalloc 32768
	mov x29, sp
	.seh_set_fp
	add x29, sp, #16
	.seh_add_fp 16
	nop
	.seh_nop
	str x0, [sp, #8]
	.seh_save_any_reg x0, 8
	stp x1, x2, [sp, #16]
	.seh_save_any_reg_p x1, 16
	str x3, [sp, #-16]!
	.seh_save_any_reg_x x3, 16
	stp x4, x5, [sp, #-32]!
	.seh_save_any_reg_px x4, 32
	str d0, [sp, #8]
	.seh_save_any_reg d0, 8
	stp d1, d2, [sp, #16]
	.seh_save_any_reg_p d1, 16
	str q3, [sp, #16]
	.seh_save_any_reg q3, 16
	stp q4, q5, [sp, #-32]!
	.seh_save_any_reg_px q4, 32
	.seh_endprologue
	nop
	.seh_startepilogue
	add sp, sp, #32
	.seh_stackalloc 32
	.seh_endepilogue
	ret
	.seh_endproc

	.globl f_custom
	.p2align 2
f_custom:
	.seh_proc f_custom
	nop
	.seh_trap_frame
	nop
	.seh_pushframe
	nop
	.seh_context
	nop
	.seh_ec_context
	nop
	.seh_clear_unwound_to_call
	sub sp, sp, #16
	.seh_stackalloc 16
	.seh_endprologue
	nop
	.seh_startepilogue
	add sp, sp, #16
	.seh_stackalloc 16
	.seh_endepilogue
	ret
	.seh_endproc

	// three epilogues: two inside the body (E=0 scopes), one at the end sharing the prologue's tail
	.globl f_scopes
	.p2align 2
f_scopes:
	.seh_proc f_scopes
	stp x29, x30, [sp, #-32]!
	.seh_save_fplr_x 32
	str x19, [sp, #16]
	.seh_save_reg x19, 16
	mov x29, sp
	.seh_set_fp
	.seh_endprologue
	cbz x0, 1f
	.seh_startepilogue
	ldr x19, [sp, #16]
	.seh_save_reg x19, 16
	ldp x29, x30, [sp], #32
	.seh_save_fplr_x 32
	.seh_endepilogue
	ret
1:	cbz x1, 2f
	.seh_startepilogue
	mov sp, x29
	.seh_set_fp
	ldr x19, [sp, #16]
	.seh_save_reg x19, 16
	ldp x29, x30, [sp], #32
	.seh_save_fplr_x 32
	.seh_endepilogue
	ret
2:	nop
	.seh_startepilogue
	ldr x19, [sp, #16]
	.seh_save_reg x19, 16
	ldp x29, x30, [sp], #32
	.seh_save_fplr_x 32
	.seh_endepilogue
	ret
	.seh_endproc

	// LLVM's canonicalizations: save_regp x29 -> save_fplr, save_regp_x x19 -> save_r19r20_x,
	// add_fp 0 -> set_fp; a save_regp that is not the next pair stays save_regp
	.globl f_canon
	.p2align 2
f_canon:
	.seh_proc f_canon
	stp x19, x20, [sp, #-64]!
	.seh_save_regp_x x19, 64
	stp x23, x24, [sp, #32]
	.seh_save_regp x23, 32
	stp x29, x30, [sp, #48]
	.seh_save_regp x29, 48
	add x29, sp, #0
	.seh_add_fp 0
	str x0, [sp, #8]
	.seh_save_any_reg x0, 8
	.seh_endprologue
	nop
	.seh_startepilogue
	ldp x29, x30, [sp, #48]
	.seh_save_regp x29, 48
	ldp x23, x24, [sp, #32]
	.seh_save_regp x23, 32
	ldp x19, x20, [sp], #64
	.seh_save_regp_x x19, 64
	.seh_endepilogue
	ret
	.seh_endproc

	// an epilogue whose codes are the whole prologue sequence: E=1, index 0
	.globl f_eidx0
	.p2align 2
f_eidx0:
	.seh_proc f_eidx0
	str x0, [sp, #-16]!
	.seh_save_any_reg_x x0, 16
	.seh_endprologue
	nop
	.seh_startepilogue
	ldr x0, [sp], #16
	.seh_save_any_reg_x x0, 16
	.seh_endepilogue
	ret
	.seh_endproc

	// an exception handler (X=1) and its data
	.globl f_handler
	.p2align 2
f_handler:
	.seh_proc f_handler
	.seh_handler __C_specific_handler, @except
	stp x29, x30, [sp, #-16]!
	.seh_save_fplr_x 16
	.seh_endprologue
	bl f_scopes
	.seh_startepilogue
	ldp x29, x30, [sp], #16
	.seh_save_fplr_x 16
	.seh_endepilogue
	ret
	.seh_handlerdata
	.long 0x1234
	.text
	.seh_endproc

	// the handler, defined here so that the objects link
	.globl __C_specific_handler
	.p2align 2
__C_specific_handler:
	ret

	// more than 124 code bytes: the header's extension word
	.globl f_long_prologue
	.p2align 2
f_long_prologue:
	.seh_proc f_long_prologue
	.rept 130
	nop
	.seh_nop
	.endr
	sub sp, sp, #16
	.seh_stackalloc 16
	.seh_endprologue
	nop
	.seh_startepilogue
	add sp, sp, #16
	.seh_stackalloc 16
	.seh_endepilogue
	ret
	.seh_endproc

	// more than 31 epilogues: the extended epilogue count
	.globl f_many_epilogues
	.p2align 2
f_many_epilogues:
	.seh_proc f_many_epilogues
	str x0, [sp, #-16]!
	.seh_save_any_reg_x x0, 16
	.seh_endprologue
	.rept 33
	nop
	.seh_startepilogue
	add sp, sp, #16
	.seh_stackalloc 16
	.seh_endepilogue
	ret
	.endr
	.seh_endproc
